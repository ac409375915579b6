namespace ComfyBot.Discord.Interactions;

/// <summary>A resolved role.</summary>
public sealed record InteractionRole
{
    /// <summary>The role's id.</summary>
    public required Snowflake Id { get; init; }

    /// <summary>The role's name.</summary>
    public required string Name { get; init; }

    /// <summary>The role's permissions (a bitfield).</summary>
    public ulong Permissions { get; init; }

    /// <summary>The role's colour as an RGB integer.</summary>
    public int Color { get; init; }

    /// <summary>The role's position in the guild's list.</summary>
    public int Position { get; init; }
}

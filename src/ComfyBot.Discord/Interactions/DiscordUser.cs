namespace ComfyBot.Discord.Interactions;

/// <summary>A user as an interaction carries it.</summary>
public sealed record DiscordUser
{
    /// <summary>The user's id.</summary>
    public required Snowflake Id { get; init; }

    /// <summary>The unique username.</summary>
    public required string Username { get; init; }

    /// <summary>The display name, if the user set one.</summary>
    public string? GlobalName { get; init; }

    /// <summary>The legacy discriminator ("0" for migrated users).</summary>
    public string? Discriminator { get; init; }

    /// <summary>The avatar hash.</summary>
    public string? Avatar { get; init; }

    /// <summary>Whether the user is a bot.</summary>
    public bool IsBot { get; init; }
}

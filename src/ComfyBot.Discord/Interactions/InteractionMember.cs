namespace ComfyBot.Discord.Interactions;

/// <summary>A guild member: the invoker in a guild, or a resolved member (which has no <see cref="User"/>).</summary>
public sealed record InteractionMember
{
    /// <summary>The user; absent on members inside <c>resolved</c>.</summary>
    public DiscordUser? User { get; init; }

    /// <summary>The member's nickname in this guild.</summary>
    public string? Nickname { get; init; }

    /// <summary>The member's role ids.</summary>
    public IReadOnlyList<Snowflake> Roles { get; init; } = [];

    /// <summary>The member's permissions in the channel, overwrites included (a bitfield).</summary>
    public ulong? Permissions { get; init; }

    /// <summary>When the member joined the guild.</summary>
    public DateTimeOffset? JoinedAt { get; init; }

    /// <summary>The member's guild avatar hash.</summary>
    public string? Avatar { get; init; }
}

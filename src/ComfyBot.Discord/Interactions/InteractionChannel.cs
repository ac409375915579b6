namespace ComfyBot.Discord.Interactions;

/// <summary>A partial channel: where the interaction happened, or a resolved channel option.</summary>
public sealed record InteractionChannel
{
    /// <summary>The channel's id.</summary>
    public required Snowflake Id { get; init; }

    /// <summary>The channel type (0 text, 1 DM, 11 public thread, ...).</summary>
    public int Type { get; init; }

    /// <summary>The channel's name (absent for DMs).</summary>
    public string? Name { get; init; }

    /// <summary>The invoker's permissions in this channel, when Discord sends them.</summary>
    public ulong? Permissions { get; init; }

    /// <summary>The category or, for a thread, the parent channel.</summary>
    public Snowflake? ParentId { get; init; }

    /// <summary>The guild the channel belongs to.</summary>
    public Snowflake? GuildId { get; init; }

    /// <summary>
    /// Whether the channel is age-restricted, as Discord sends it for guild channels; null when it did not say
    /// (threads and DMs carry no such flag).
    /// </summary>
    public bool? Nsfw { get; init; }
}

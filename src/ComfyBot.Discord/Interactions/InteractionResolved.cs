namespace ComfyBot.Discord.Interactions;

/// <summary>The objects that options and selects refer to by id.</summary>
public sealed record InteractionResolved
{
    /// <summary>An empty set, for interactions without <c>resolved</c>.</summary>
    public static InteractionResolved Empty { get; } = new();

    /// <summary>Users by id.</summary>
    public IReadOnlyDictionary<Snowflake, DiscordUser> Users { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<Snowflake, DiscordUser>.Empty;

    /// <summary>Partial members by user id (without <c>user</c>).</summary>
    public IReadOnlyDictionary<Snowflake, InteractionMember> Members { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<Snowflake, InteractionMember>.Empty;

    /// <summary>Roles by id.</summary>
    public IReadOnlyDictionary<Snowflake, InteractionRole> Roles { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<Snowflake, InteractionRole>.Empty;

    /// <summary>Partial channels by id.</summary>
    public IReadOnlyDictionary<Snowflake, InteractionChannel> Channels { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<Snowflake, InteractionChannel>.Empty;

    /// <summary>Attachments by id.</summary>
    public IReadOnlyDictionary<Snowflake, InteractionAttachment> Attachments { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<Snowflake, InteractionAttachment>.Empty;
}

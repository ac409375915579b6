namespace ComfyBot.Discord.Interactions;

/// <summary>
/// An interaction as Discord delivers it, over the gateway or to the HTTP endpoint. Exactly one of
/// <see cref="Command"/>, <see cref="Component"/> and <see cref="Modal"/> is set, except for PING.
/// </summary>
/// <remarks>Not a record on purpose: the generated ToString would print <see cref="Token"/>, which is a secret.</remarks>
public sealed class Interaction
{
    /// <summary>The interaction's id; part of the callback URL; its timestamp is when the user acted.</summary>
    public required Snowflake Id { get; init; }

    /// <summary>The application the interaction is for; part of the webhook routes.</summary>
    public required Snowflake ApplicationId { get; init; }

    /// <summary>The interaction's kind.</summary>
    public required InteractionType Type { get; init; }

    /// <summary>The continuation token, valid 15 minutes. A secret: never log it.</summary>
    public required string Token { get; init; }

    /// <summary>Always 1.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The guild, absent in DMs.</summary>
    public Snowflake? GuildId { get; init; }

    /// <summary>The channel the interaction came from.</summary>
    public Snowflake? ChannelId { get; init; }

    /// <summary>The partial channel the interaction came from.</summary>
    public InteractionChannel? Channel { get; init; }

    /// <summary>The invoking member, in a guild.</summary>
    public InteractionMember? Member { get; init; }

    /// <summary>The invoking user, in DMs.</summary>
    public DiscordUser? User { get; init; }

    /// <summary>The user who acted: <c>member.user</c> in a guild, <c>user</c> elsewhere.</summary>
    public DiscordUser Invoker => Member?.User ?? User
        ?? throw new InvalidOperationException($"Interaction {Id} has neither member.user nor user; only PING lacks an invoker.");

    /// <summary>The invoker's locale (not sent with PING).</summary>
    public string? Locale { get; init; }

    /// <summary>The guild's preferred locale.</summary>
    public string? GuildLocale { get; init; }

    /// <summary>What the app may do in this channel (a permission bitfield).</summary>
    public ulong? AppPermissions { get; init; }

    /// <summary>The largest file, in bytes, that a reply to this interaction may attach.</summary>
    public long? AttachmentSizeLimit { get; init; }

    /// <summary>Where the interaction was triggered: 0 guild, 1 bot DM, 2 private channel.</summary>
    public int? Context { get; init; }

    /// <summary>The message a component sits on (component interactions only).</summary>
    public Snowflake? MessageId { get; init; }

    /// <summary>The data of a command or autocomplete interaction.</summary>
    public ApplicationCommandData? Command { get; init; }

    /// <summary>The data of a component interaction.</summary>
    public ComponentInteractionData? Component { get; init; }

    /// <summary>The data of a modal submission.</summary>
    public ModalSubmitData? Modal { get; init; }

    /// <summary>When the user acted, from the id's timestamp.</summary>
    public DateTimeOffset CreatedAt => Id.CreatedAt;

    /// <summary>How long ago the user acted; the first response must reach Discord within 3 s of it.</summary>
    public TimeSpan GetAge(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return timeProvider.GetUtcNow() - CreatedAt;
    }

    /// <summary>The id, type and command or custom id; never the token.</summary>
    public override string ToString()
    {
        var what = Command?.Name ?? Component?.CustomId ?? Modal?.CustomId;
        return what is null ? $"Interaction {Id} ({Type})" : $"Interaction {Id} ({Type} '{what}')";
    }
}

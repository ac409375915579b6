namespace ComfyBot.FakeDiscord.Interactions;

/// <summary>Where and by whom an interaction happens. Unset values default to the first guild, channel and member.</summary>
public sealed record InteractionOrigin
{
    /// <summary>Guild; null with <see cref="DirectMessage"/> for a DM.</summary>
    public ulong? GuildId { get; init; }

    /// <summary>Channel.</summary>
    public ulong? ChannelId { get; init; }

    /// <summary>The invoking user.</summary>
    public FakeUser? User { get; init; }

    /// <summary>Role ids of the invoking member.</summary>
    public IReadOnlyList<ulong> RoleIds { get; init; } = [];

    /// <summary>The invoker's locale.</summary>
    public string Locale { get; init; } = "en-US";

    /// <summary>The member's permission bitfield (string, as Discord sends it).</summary>
    public string MemberPermissions { get; init; } = "2248473465835073";

    /// <summary>What the app may do in the channel.</summary>
    public string AppPermissions { get; init; } = "2248473465835073";

    /// <summary>Per-file upload limit for replies; null: the server's <see cref="FakeDiscordOptions.AttachmentSizeLimit"/>.</summary>
    public long? AttachmentSizeLimit { get; init; }

    /// <summary>A DM with the bot (context 1, no guild, <c>user</c> instead of <c>member</c>).</summary>
    public bool DirectMessage { get; init; }
}

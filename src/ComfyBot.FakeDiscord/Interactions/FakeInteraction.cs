using System.Text.Json;
using ComfyBot.FakeDiscord.Messages;

namespace ComfyBot.FakeDiscord.Interactions;

/// <summary>
/// An interaction a test created: what was dispatched, and how the client answered it (callback, original
/// response, followups). Its token is a secret on Discord; <see cref="ToString"/> never shows it.
/// </summary>
public sealed class FakeInteraction
{
    private readonly Lock gate = new();
    private readonly List<FakeMessage> followups = [];
    private readonly TaskCompletionSource<InteractionCallback> callback = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeInteraction(ulong id, string token, ulong applicationId, int type, InteractionOrigin origin, FakeUser user,
        DateTimeOffset createdAt, long attachmentSizeLimit, FakeMessage? sourceMessage)
    {
        Id = id;
        Token = token;
        ApplicationId = applicationId;
        Type = type;
        GuildId = origin.GuildId;
        ChannelId = origin.ChannelId ?? 0;
        User = user;
        CreatedAt = createdAt;
        AttachmentSizeLimit = attachmentSizeLimit;
        SourceMessage = sourceMessage;
    }

    /// <summary>Snowflake; its timestamp is the creation time on the fake's clock.</summary>
    public ulong Id { get; }

    /// <summary>The continuation token (a secret on Discord: do not log it).</summary>
    public string Token { get; }

    /// <summary>The application it belongs to.</summary>
    public ulong ApplicationId { get; }

    /// <summary>2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT, 4 APPLICATION_COMMAND_AUTOCOMPLETE.</summary>
    public int Type { get; }

    /// <summary>Guild, unless it happened in a DM.</summary>
    public ulong? GuildId { get; }

    /// <summary>Channel it happened in.</summary>
    public ulong ChannelId { get; }

    /// <summary>The invoker.</summary>
    public FakeUser User { get; }

    /// <summary>Creation time (fake clock).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The <c>attachment_size_limit</c> it carried.</summary>
    public long AttachmentSizeLimit { get; }

    /// <summary>The message whose component was clicked (component interactions only).</summary>
    public FakeMessage? SourceMessage { get; }

    /// <summary>The INTERACTION_CREATE <c>d</c> object as dispatched (parsed again on each read).</summary>
    /// <remarks>
    /// Kept as its UTF-8 text only: a parsed element holds that text again plus its token table (3.6 KB per /imagine),
    /// which was a quarter of what a soak of 10,000 queued jobs weighed per job (issue 15).
    /// </remarks>
    public JsonElement Payload
    {
        get
        {
            if (PayloadUtf8 is not { } text)
            {
                return default;
            }

            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
    }

    /// <summary>The INTERACTION_CREATE <c>d</c> object as dispatched, as UTF-8 JSON; null until it is built.</summary>
    internal byte[]? PayloadUtf8 { get; set; }

    /// <summary>Whether it went out on a gateway session (live or queued for replay on resume).</summary>
    public bool IsDispatched { get; internal set; }

    /// <summary>The accepted callback, once there is one.</summary>
    public InteractionCallback? Callback { get; private set; }

    /// <summary>What <c>@original</c> refers to: the response message, or the clicked message after type 6/7.</summary>
    public FakeMessage? OriginalMessage { get; private set; }

    /// <summary>Followup messages, in order.</summary>
    public IReadOnlyList<FakeMessage> Followups
    {
        get
        {
            lock (gate)
            {
                return [.. followups];
            }
        }
    }

    /// <summary>Completes when the client's first accepted callback arrives.</summary>
    public Task<InteractionCallback> WaitForCallbackAsync(CancellationToken cancellationToken = default) =>
        callback.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"interaction {Id} (type {Type}) in channel {ChannelId}";

    /// <summary>Claims the single callback slot; false when one was already accepted.</summary>
    internal bool TryAcknowledge(InteractionCallback accepted)
    {
        lock (gate)
        {
            if (Callback is not null)
            {
                return false;
            }

            Callback = accepted;
        }

        callback.TrySetResult(accepted);
        return true;
    }

    internal void SetOriginal(FakeMessage message) => OriginalMessage = message;

    internal void AddFollowup(FakeMessage message)
    {
        lock (gate)
        {
            followups.Add(message);
        }
    }
}

using System.Globalization;
using ComfyBot.Core.Progress;
using ComfyBot.Discord;
using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Rest;

namespace ComfyBot.Replies;

/// <summary>
/// One job's reply on Discord. Edits the interaction's <c>@original</c> while its token lives; shortly before the
/// token expires (<see cref="DiscordJobViewOptions.MoveBeforeExpiry"/>) posts the reply as a channel message with
/// the bot token, edits the original once to point there, and edits the channel message from then on. When the bot
/// may not post in the channel, the member is told so in the original while it can still be edited.
/// </summary>
/// <remarks>
/// Rate limits: <see cref="DiscordRestClient"/> waits for known buckets and retries a 429 itself up to
/// <see cref="DiscordRestOptions.MaxRateLimitRetries"/> times; only a 429 left after those retries comes back here,
/// and it is returned as <see cref="ReplySendResult.RateLimited"/> with Discord's retry-after. Not thread-safe:
/// Core's ReplyThrottle never calls <see cref="ShowAsync"/> twice at once. After each call, persist
/// <see cref="Target"/> (its JSON) so a restarted bot continues the reply and never delivers the final state twice.
/// </remarks>
internal sealed class DiscordJobView : IJobView
{
    private readonly DiscordRestClient _rest;
    private readonly TimeProvider _time;
    private readonly DiscordJobViewOptions _options;

    /// <summary>Creates the view of a fresh reply, or of one restored from its stored <see cref="ChatTarget"/>.</summary>
    public DiscordJobView(DiscordRestClient rest, ChatTarget target, TimeProvider time, DiscordJobViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(time);
        _options = options ?? new DiscordJobViewOptions();
        _rest = rest;
        _time = time;
        Target = target;
    }

    /// <summary>Where the reply lives now; changes as the reply moves and the final state is delivered.</summary>
    public ChatTarget Target { get; private set; }

    /// <summary>Whether the bot may continue the reply as a channel message (VIEW_CHANNEL, SEND_MESSAGES, ATTACH_FILES).</summary>
    public bool CanMove => !Target.Private && (Target.AppPermissions is not { } granted
        || ((ChannelPermissions)granted & ChannelPermissions.MovedReply) == ChannelPermissions.MovedReply);

    /// <summary>The link to the channel message the reply moved to; null before it moved.</summary>
    public Uri? JumpLink => Target.ChannelMessageId is { } message
        ? new Uri(_options.WebBase, string.Create(CultureInfo.InvariantCulture, $"/channels/{(Target.GuildId is { } guild ? guild.ToString(CultureInfo.InvariantCulture) : "@me")}/{Target.ChannelId}/{message}"))
        : null;

    /// <inheritdoc />
    public async ValueTask<ReplySendResult> ShowAsync(ReplyState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            if (!(state.IsFinal && Target.FinalDelivered))
            {
                await ShowOnReplyAsync(state, cancellationToken);
                if (state.IsFinal)
                {
                    Target = Target with { FinalDelivered = true };
                }
            }

            await SendFollowupsAsync(state, cancellationToken);
            if (state.IsFinal)
            {
                // Settled: nothing more goes out with this token, and the store keeps the target for weeks.
                Target = Target with { Token = string.Empty };
            }

            return ReplySendResult.Sent;
        }
        catch (DiscordRestException e) when (e.IsRateLimited)
        {
            return ReplySendResult.RateLimited(e.RetryAfter ?? TimeSpan.FromSeconds(1));
        }
        catch (Exception e) when (IsOutage(e, cancellationToken))
        {
            // The REST client already retried these; what is left is an outage, which the final reply waits out.
            return ReplySendResult.Unavailable(e);
        }
    }

    /// <summary>Discord failing on its side (5xx) or out of reach (network, timeout): says nothing about the message.</summary>
    private static bool IsOutage(Exception error, CancellationToken cancellationToken) => error switch
    {
        DiscordRestException rest => (int)rest.StatusCode >= 500,
        HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private async Task ShowOnReplyAsync(ReplyState state, CancellationToken cancellationToken)
    {
        if (Target.IsMoved)
        {
            await EditChannelMessageAsync(state, cancellationToken);
            await PointOriginalAsync(cancellationToken);
            return;
        }

        var now = _time.GetUtcNow();
        if (now >= Target.ExpiresAt - _options.MoveBeforeExpiry)
        {
            if (CanMove)
            {
                await MoveAsync(state, cancellationToken);
                return;
            }

            if (now >= Target.ExpiresAt)
            {
                throw new InvalidOperationException(CannotContinue());
            }

            await EditOriginalAsync(state, PermissionNote(), cancellationToken);
            Target = Target with { PermissionNoticeSent = true };
            return;
        }

        try
        {
            await EditOriginalAsync(state, null, cancellationToken);
        }
        catch (DiscordRestException e) when (e.IsExpiredInteractionToken && CanMove)
        {
            // The token died early (e.g. the bot was down for a while): continue in the channel.
            await MoveAsync(state, cancellationToken);
        }
    }

    private Task<DiscordMessage> EditOriginalAsync(ReplyState state, string? note, CancellationToken cancellationToken) =>
        _rest.EditOriginalResponseAsync(new Snowflake(Target.ApplicationId), Target.Token, ReplyMessage.Body(state, Target, note), cancellationToken);

    private Task<DiscordMessage> EditChannelMessageAsync(ReplyState state, CancellationToken cancellationToken) =>
        _rest.EditMessageAsync(new Snowflake(Target.ChannelId), new Snowflake(Target.ChannelMessageId!.Value), ReplyMessage.Body(state, Target), cancellationToken);

    private async Task MoveAsync(ReplyState state, CancellationToken cancellationToken)
    {
        var message = await _rest.CreateMessageAsync(new Snowflake(Target.ChannelId), ReplyMessage.Body(state, Target), cancellationToken);
        Target = Target with { ChannelMessageId = message.Id.Value };
        await PointOriginalAsync(cancellationToken);
    }

    /// <summary>Edits the original once to say where the reply went; skipped when already done or no longer possible.</summary>
    private async Task PointOriginalAsync(CancellationToken cancellationToken)
    {
        if (Target.OriginalPointsToChannel || _time.GetUtcNow() >= Target.ExpiresAt)
        {
            return;
        }

        var body = new MessageBody
        {
            Content = $"This reply continues here: {JumpLink} (Discord lets a bot edit a command's reply for only 15 minutes).",
            Components = [],
            KeepAttachments = [],
        };
        try
        {
            await _rest.EditOriginalResponseAsync(new Snowflake(Target.ApplicationId), Target.Token, body, cancellationToken);
        }
        catch (DiscordRestException e) when (e.IsExpiredInteractionToken)
        {
            // Too late to point there; the channel message itself is what matters.
        }

        Target = Target with { OriginalPointsToChannel = true };
    }

    private async Task SendFollowupsAsync(ReplyState state, CancellationToken cancellationToken)
    {
        var decor = ReplyDecor.Of(Target);
        var groups = ReplyMessage.FollowupGroups(state, decor);
        for (var i = Target.FollowupIds.Count; i < groups.Count; i++)
        {
            var body = ReplyMessage.Followup(state, decor, i) with { Flags = Target.Private ? MessageFlags.Ephemeral : null };
            // A private reply's followups stay ephemeral: only the token can send those.
            var message = !Target.Private && (Target.IsMoved || _time.GetUtcNow() >= Target.ExpiresAt - _options.MoveBeforeExpiry)
                ? await _rest.CreateMessageAsync(new Snowflake(Target.ChannelId), body, cancellationToken)
                : await _rest.CreateFollowupAsync(new Snowflake(Target.ApplicationId), Target.Token, body, cancellationToken);
            Target = Target with { FollowupIds = [.. Target.FollowupIds, message.Id.Value] };
        }
    }

    private string MissingPermissions()
    {
        var missing = ChannelPermissions.MovedReply & ~(ChannelPermissions)(Target.AppPermissions ?? 0);
        var names = new List<string>(3);
        if (missing.HasFlag(ChannelPermissions.ViewChannel))
        {
            names.Add("View Channel");
        }

        if (missing.HasFlag(ChannelPermissions.SendMessages))
        {
            names.Add("Send Messages");
        }

        if (missing.HasFlag(ChannelPermissions.AttachFiles))
        {
            names.Add("Attach Files");
        }

        return string.Join(", ", names);
    }

    private string PermissionNote() => Target.Private
        ? $"⚠️ This private reply cannot continue here: Discord lets a bot edit a command's reply for only 15 minutes, and a private reply is never posted in the channel. Use /queue to follow job {Target.JobId}, or turn private replies off with /settings private: False."
        : $"⚠️ This reply cannot continue here: Discord lets a bot edit a command's reply for only 15 minutes, and the bot lacks {MissingPermissions()} in <#{Target.ChannelId}> to post the rest as a message. Ask a server admin to grant it, or use /queue to follow job {Target.JobId}.";

    private string CannotContinue() => Target.Private
        ? $"The private reply of job {Target.JobId} cannot continue: the interaction token expired, and a private (ephemeral) reply is never posted in the channel. The member follows the job with /queue."
        : $"The reply of job {Target.JobId} cannot continue: the interaction token expired and the bot lacks {MissingPermissions()} in channel {Target.ChannelId}. Grant the permissions to the bot's role in that channel.";
}

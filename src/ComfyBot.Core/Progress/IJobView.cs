namespace ComfyBot.Core.Progress;

/// <summary>
/// One job's reply message as the chat surface shows it. Core owns this seam; the Discord layer implements it
/// (an interaction edit, or a channel message once the interaction token is near its end). Core never calls
/// <see cref="ShowAsync"/> twice at once for one view: <see cref="ReplyThrottle"/> serialises the calls.
/// </summary>
public interface IJobView
{
    /// <summary>
    /// Replaces what the message shows with <paramref name="state"/>. Returns <see cref="ReplySendResult.Sent"/> when
    /// the message now shows it, or <see cref="ReplySendResult.RateLimited"/> when the chat service asked to wait
    /// (nothing was changed); throws when the send failed for any other reason.
    /// </summary>
    ValueTask<ReplySendResult> ShowAsync(ReplyState state, CancellationToken cancellationToken);
}

using ComfyBot.Core.Progress;

namespace ComfyBot.Replies;

/// <summary>
/// A <see cref="DiscordJobView"/> whose <see cref="ChatTarget"/> is saved after every send that changed it, so a
/// restarted bot continues the same messages and never delivers the final state twice.
/// </summary>
internal sealed class PersistedJobView(long jobId, DiscordJobView inner, Func<long, string, CancellationToken, Task> save) : IJobView
{
    // The target as last saved, compared by value (a record): its JSON text, about 1.3 KB with the interaction token,
    // was held per reply for as long as the job waited, 10,000 copies in a queue of 10,000 (issue 15).
    private ChatTarget _saved = inner.Target;

    /// <summary>The wrapped view.</summary>
    public DiscordJobView Inner => inner;

    public async ValueTask<ReplySendResult> ShowAsync(ReplyState state, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.ShowAsync(state, cancellationToken);
        }
        finally
        {
            // Saved even when the send failed half-way: a channel message posted before the failure must not be
            // posted again after a restart.
            var target = inner.Target;
            if (target != _saved)
            {
                await save(jobId, target.ToJson(), CancellationToken.None);
                _saved = target;
            }
        }
    }
}

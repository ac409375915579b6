using ComfyBot.Core.Progress;

namespace ComfyBot.Replies;

/// <summary>
/// A <see cref="DiscordJobView"/> whose <see cref="ChatTarget"/> is saved after every send that changed it, so a
/// restarted bot continues the same messages and never delivers the final state twice.
/// </summary>
internal sealed class PersistedJobView(long jobId, DiscordJobView inner, Func<long, string, CancellationToken, Task> save) : IJobView
{
    private string _saved = inner.Target.ToJson();

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
            var json = inner.Target.ToJson();
            if (!string.Equals(json, _saved, StringComparison.Ordinal))
            {
                await save(jobId, json, CancellationToken.None);
                _saved = json;
            }
        }
    }
}

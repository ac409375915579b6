using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Running;

/// <summary>Counts the edits a view actually sent (rate-limited attempts changed nothing and are not counted).</summary>
internal sealed class CountingJobView(IJobView inner, JobMetrics metrics) : IJobView
{
    public async ValueTask<ReplySendResult> ShowAsync(ReplyState state, CancellationToken cancellationToken)
    {
        var result = await inner.ShowAsync(state, cancellationToken);
        if (result == ReplySendResult.Sent)
        {
            metrics.EditSent(state.IsFinal);
        }

        return result;
    }
}

using ComfyBot.Comfy.Events;
using ComfyBot.Comfy.Http;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Comfy.Tracking;

/// <summary>The polling half: the server's /history and /queue are the truth when events were missed.</summary>
internal sealed partial class JobRun
{
    /// <summary>History first (done?), then the queue (waiting or running?); in neither, re-check history, then lost.</summary>
    private async Task<JobOutcome?> ReconcileAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await _lookup.HistoryAsync(cancellationToken) is { } entry)
            {
                return FromHistory(entry);
            }

            // Followed without its graph (e.g. reattached after a restart of the caller): the queue has it, and
            // with it the node classes and titles a reply names instead of bare node ids.
            var (queue, graph) = await _lookup.QueueAsync(withGraph: _graph.NodeCount == 0, cancellationToken);
            if (graph is not null)
            {
                _graph = new PromptGraph(graph);
            }

            _queue.Looked();

            if (queue.IsRunning(_promptId))
            {
                Clock.Heard(_time.GetUtcNow());
                if (!_progress.Running)
                {
                    _progress.MarkRunning();
                    Emit();
                }

                return null;
            }

            if (queue.PendingPosition(_promptId) is { } position)
            {
                if (_queue.Show(new JobQueued(_promptId, position, queue.Ahead(_promptId) ?? position - 1)) is { } changed)
                {
                    _snapshots.TryWrite(changed);
                }

                return null;
            }

            // Finished just now (history is written a moment after the terminal event), or gone.
            if (await _lookup.HistoryWithRetryAsync(cancellationToken) is { } late)
            {
                return FromHistory(late);
            }

            return new JobLost(_promptId, "The prompt is in neither /queue nor /history: it was deleted from the queue, or the server restarted.");
        }
        catch (Exception ex) when (IsServerTrouble(ex) && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Prompt {PromptId}: could not reach the server to check on it; will retry.", _promptId);
            return null;
        }
    }

    /// <summary>The run ended (terminal event or executing{node:null}); read its outcome from history.</summary>
    private async Task<JobOutcome?> FinishAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await _lookup.HistoryWithRetryAsync(cancellationToken) is { } entry)
            {
                return FromHistory(entry);
            }
        }
        catch (Exception ex) when (IsServerTrouble(ex) && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Prompt {PromptId}: finished, but its history could not be read.", _promptId);
            return _successSeen ? Succeeded(_progress.Outputs) : null;
        }

        // The events said success; only the file list from history is missing, and executed events had it.
        return _successSeen
            ? Succeeded(_progress.Outputs)
            : new JobLost(_promptId, "The prompt finished but the server has no history entry for it (restarted, or history cleared).");
    }

    private JobOutcome FromHistory(HistoryEntry entry)
    {
        Clock.FromHistory(entry.StartedAt, entry.EndedAt);
        if (entry.IsSuccess)
        {
            return Succeeded(entry.Outputs.Count > 0 ? entry.Outputs : _progress.Outputs) with { RunTime = entry.RunTime };
        }

        if (entry.Interruption is { } interrupted)
        {
            return new JobInterrupted(_promptId, interrupted.NodeId, interrupted.NodeType);
        }

        if (entry.Error is { } error)
        {
            return Failed(error);
        }

        return new JobFailed(_promptId, null, null, null, null, $"History says '{entry.StatusText}' (completed: {entry.Completed}) without an error message.");
    }

    private static bool IsServerTrouble(Exception ex) =>
        ex is ComfyUnavailableException or ComfyHttpException or HttpRequestException or ComfyProtocolException;
}

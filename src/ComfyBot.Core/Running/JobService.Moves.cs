using ComfyBot.Comfy.Http;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Running;

public sealed partial class JobService
{
    /// <summary>
    /// The monitor found <paramref name="backend"/> down: jobs sent there would wait for a server that may not come back,
    /// so they go back to the fair queue and on to another backend that can run them. Running jobs go too, counted as
    /// lost: their tracker would say so only once the server answers /queue and /history again, which a dead one never does.
    /// </summary>
    private async Task MoveOffAsync(string backend)
    {
        List<ActiveJob> moving = [];
        lock (_gate)
        {
            foreach (var active in _jobs.Values)
            {
                if (active is { State: RunState.Submitted or RunState.Running, CancelledBy: null, MovingFrom: null }
                    && string.Equals(active.Job.Backend, backend, StringComparison.Ordinal))
                {
                    active.MovingFrom = backend;
                    moving.Add(active);
                }
            }
        }

        foreach (var active in moving)
        {
            // Its run task catches the cancellation, sees MovingFrom, and moves it (see MoveBackAsync).
            await active.Stop.CancelAsync();
        }
    }

    private async Task MoveBackAsync(ActiveJob active)
    {
        var from = active.MovingFrom ?? "?";
        var wasRunning = active.Job.State == JobState.Running;
        active.RenewStop();
        active.MovingFrom = null;
        LogMovedOff(active.Job.Id, from);
        if (active.Job.PromptId is { } promptId)
        {
            LeaveBehind(from, promptId);
        }

        // Attempts counts stored submissions, as for lost jobs, so a job that takes servers down with it stops somewhere.
        if (wasRunning && active.Job.Attempts > _options.LostRequeues)
        {
            await EndAsync(active, JobState.Failed, ReplyTexts.WentOfflineTooOften(from, active.Job.Attempts), CancellationToken.None, RunState.Lost);
            return;
        }

        active.WaitingNote = ReplyTexts.MovedOff(from, wasRunning, anotherServer: _backends.Count > 1);
        active.Show(ReplyState.Progress(active.WaitingNote));
        await RequeueAsync(active);
    }

    private void LeaveBehind(string backend, string promptId)
    {
        lock (_gate)
        {
            (_leftBehind.TryGetValue(backend, out var ids) ? ids : _leftBehind[backend] = []).Add(promptId);
        }
    }

    /// <summary>
    /// A server counted down (or that timed out a reattached job) may only have been cut off, by a proxy or the
    /// network, and kept the prompts of the jobs that moved away: once it answers again (it comes back, or takes a
    /// new prompt), they are deleted from its queue, or interrupted if one runs, so the GPU does not spend its time
    /// on images nobody waits for.
    /// </summary>
    private void CleanUpAfter(IJobBackend backend)
    {
        List<string>? leftBehind;
        lock (_gate)
        {
            _leftBehind.Remove(backend.Name, out leftBehind);
        }

        if (leftBehind is not null)
        {
            Track(Task.Run(() => RemoveLeftBehindAsync(backend, leftBehind), CancellationToken.None));
        }
    }

    private async Task RemoveLeftBehindAsync(IJobBackend backend, List<string> promptIds)
    {
        try
        {
            await backend.DeleteFromQueueAsync(promptIds, _shutdown.Token);

            // Only one that runs: a ComfyUI older than 0.3.57 ignores the prompt id and stops whatever runs.
            foreach (var promptId in promptIds)
            {
                if (await backend.IsRunningAsync(promptId, _shutdown.Token))
                {
                    await backend.InterruptAsync(promptId, _shutdown.Token);
                }
            }

            LogLeftBehindRemoved(promptIds.Count, backend.Name);
        }
        catch (Exception error) when (BackendTrouble.Is(error))
        {
            // Gone again: the next sign of life tries again.
            LogBackendOffline(backend.Name, 0, error.Message);
            foreach (var promptId in promptIds)
            {
                LeaveBehind(backend.Name, promptId);
            }
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Removed {Count} prompt(s) of moved jobs from backend {Backend}, which is back")]
    private partial void LogLeftBehindRemoved(int count, string backend);

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Job #{JobId} moved off backend {Backend}, which went down")]
    private partial void LogMovedOff(long jobId, string backend);
}

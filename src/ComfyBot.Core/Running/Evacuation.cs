using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Running;

/// <summary>
/// Moving jobs off a server the monitor counted down, and, once it answers again, removing the prompts they left
/// there: a server that was only cut off (a proxy, the network) would otherwise spend the shared GPU on images nobody
/// waits for.
/// </summary>
internal sealed partial class Evacuation(JobEngine engine, JobEndings endings)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<string>> _leftBehind = new(StringComparer.Ordinal);

    /// <summary>
    /// The monitor found <paramref name="backend"/> down: jobs sent there would wait for a server that may not come back,
    /// so they go back to the fair queue and on to another backend that can run them. Running jobs go too, counted as
    /// lost: their tracker would say so only once the server answers /queue and /history again, which a dead one never does.
    /// </summary>
    public async Task MoveOffAsync(string backend)
    {
        List<ActiveJob> moving = [];
        lock (engine.Gate)
        {
            foreach (var active in engine.Snapshot())
            {
                if (string.Equals(active.Job.Backend, backend, StringComparison.Ordinal) && active.TryStop(new StopReason.MoveOff(backend)))
                {
                    moving.Add(active);
                }
            }
        }

        foreach (var active in moving)
        {
            // Its run task catches the cancellation, sees the move, and moves it (see MoveBackAsync).
            await active.Stop.CancelAsync();
        }
    }

    /// <summary>
    /// Sends a job whose server <paramref name="from"/> went down back to the fair queue (or ends it, when it was tried too
    /// often, or when a cancel came while it moved).
    /// </summary>
    public async Task MoveBackAsync(ActiveJob active, string from)
    {
        var wasRunning = active.Job.State == JobState.Running;
        LogMovedOff(engine.Logger, active.Job.Id, from);
        if (active.Job.PromptId is { } promptId)
        {
            LeaveBehind(from, promptId);
        }

        if (!active.TryFinishMove())
        {
            // Cancelled or interrupted while it moved: it ends as asked.
            await endings.EndCancelledAsync(active);
            return;
        }

        // Attempts counts stored submissions, as for lost jobs, so a job that takes servers down with it stops somewhere.
        if (wasRunning && active.Job.Attempts > engine.Options.LostRequeues)
        {
            await endings.EndAsync(active, JobState.Failed, ReplyTexts.WentOfflineTooOften(from, active.Job.Attempts), CancellationToken.None, RunState.Lost);
            return;
        }

        await endings.RequeueAsync(active, ReplyTexts.MovedOff(from, wasRunning, anotherServer: engine.Backends.Count > 1));
    }

    /// <summary>Remembers a prompt left on a server that may only be cut off, to remove when it answers again.</summary>
    public void LeaveBehind(string backend, string promptId)
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
    public void CleanUpAfter(IJobBackend backend)
    {
        List<string>? leftBehind;
        lock (_gate)
        {
            _leftBehind.Remove(backend.Name, out leftBehind);
        }

        if (leftBehind is not null)
        {
            engine.Track(Task.Run(() => RemoveLeftBehindAsync(backend, leftBehind), CancellationToken.None));
        }
    }

    private async Task RemoveLeftBehindAsync(IJobBackend backend, List<string> promptIds)
    {
        try
        {
            await backend.DeleteFromQueueAsync(promptIds, engine.Shutdown);

            // Only one that runs: a ComfyUI older than 0.3.57 ignores the prompt id and stops whatever runs.
            foreach (var promptId in promptIds)
            {
                if (await backend.IsRunningAsync(promptId, engine.Shutdown))
                {
                    await backend.InterruptAsync(promptId, engine.Shutdown);
                }
            }

            LogLeftBehindRemoved(engine.Logger, promptIds.Count, backend.Name);
        }
        catch (Exception error) when (BackendTrouble.Is(error))
        {
            // Gone again: the next sign of life tries again.
            JobEngine.LogBackendOffline(engine.Logger, backend.Name, 0, error.Message);
            foreach (var promptId in promptIds)
            {
                LeaveBehind(backend.Name, promptId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} prompt(s) of moved jobs from backend {Backend}, which is back")]
    private static partial void LogLeftBehindRemoved(ILogger logger, int count, string backend);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job #{JobId} moved off backend {Backend}, which went down")]
    private static partial void LogMovedOff(ILogger logger, long jobId, string backend);
}

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
                if (active is { Dispatched: true, CancelledBy: null, MovingFrom: null, Job.State: JobState.Submitted or JobState.Running }
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

        // Attempts counts stored submissions, as for lost jobs, so a job that takes servers down with it stops somewhere.
        if (wasRunning && active.Job.Attempts > _options.LostRequeues)
        {
            await EndAsync(active, JobState.Failed, $"❌ GPU server {from} went offline while your job ran, and it had already been tried {active.Job.Attempts} times.", [], CancellationToken.None);
            return;
        }

        active.WaitingNote = wasRunning
            ? $"⚠️ GPU server {from} went offline while your job ran; it is queued again for another server."
            : $"⚠️ GPU server {from} went offline before your job started; it moved back to the queue and goes to another server.";
        active.Show(ReplyState.Progress(active.WaitingNote));
        await RequeueAsync(active);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Job #{JobId} moved off backend {Backend}, which went down")]
    private partial void LogMovedOff(long jobId, string backend);
}

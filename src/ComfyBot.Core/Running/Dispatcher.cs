using System.Diagnostics;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Running;

/// <summary>
/// The dispatcher: on each wake it hands waiting jobs to backends with a free slot in fair order (skipping backends that
/// are down, held after a refusal, or lack the workflow's nodes), then has <see cref="WaitingReplies"/> tell waiting
/// jobs where they stand and why they wait. It never waits on a server itself: each taken job runs on its own task (<see cref="JobRunner"/>).
/// </summary>
internal sealed partial class Dispatcher(JobEngine engine, JobRunner runner)
{
    /// <summary>The dispatch loop: each wake runs one round until the wake signal closes at shutdown.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await engine.WakeSignal.WaitToReadAsync(cancellationToken))
        {
            engine.WakeSignal.TryRead(out _);
            var started = Stopwatch.GetTimestamp();
            try
            {
                DispatchReady();
                engine.Waiting.Refresh();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // One bad round (a backend check that threw) must not stop dispatching for good.
                LogDispatchFailed(engine.Logger, error);
            }

            engine.DispatchCost.Add(started);
        }
    }

    private void DispatchReady()
    {
        while (engine.Scheduler.TryTake(engine.Slots, CanRunOn) is { } assignment)
        {
            var active = engine.Find(assignment.Job.JobId);
            if (active is null)
            {
                engine.Slots.Release(assignment.Backend);
                continue;
            }

            active.MoveTo(RunState.Dispatching);
            engine.Track(Task.Run(() => runner.RunAsync(active, assignment.Backend), CancellationToken.None));
        }
    }

    private bool CanRunOn(QueuedJob job, string backendName)
    {
        if (engine.Holds.IsHeld(backendName))
        {
            return false;
        }

        return engine.FindBackend(backendName) is { Health.IsUp: true } backend
            && engine.Workflows.TryGet(job.Workflow, out var definition)
            && backend.CanRun(definition.Template)
            && (engine.Find(job.JobId) is not { } active || backend.Offers(definition.Template, active.Job.Parameters));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A dispatch round failed; the next wake-up tries again")]
    private static partial void LogDispatchFailed(ILogger logger, Exception error);
}

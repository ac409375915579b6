using ComfyBot.Core.Backends;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Running;

/// <summary>
/// The dispatcher: on each wake it hands waiting jobs to backends with a free slot in fair order (skipping backends that
/// are down, held after a refusal, or lack the workflow's nodes), then tells every waiting job where it stands and why
/// it waits. It never waits on a server itself: each taken job runs on its own task (<see cref="JobRunner"/>).
/// </summary>
internal sealed partial class Dispatcher(JobEngine engine, JobRunner runner)
{
    /// <summary>The dispatch loop: each wake runs one round until the wake signal closes at shutdown.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await engine.WakeSignal.WaitToReadAsync(cancellationToken))
        {
            engine.WakeSignal.TryRead(out _);
            try
            {
                DispatchReady();
                RefreshWaitingReplies();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // One bad round (a backend check that threw) must not stop dispatching for good.
                LogDispatchFailed(engine.Logger, error);
            }
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
            && backend.CanRun(definition.Template);
    }

    private void RefreshWaitingReplies()
    {
        var order = engine.Scheduler.Order();
        if (order.Count == 0)
        {
            return;
        }

        var foreign = ForeignQueued();
        var activity = Activity();
        var paused = engine.Scheduler.IsPaused;
        var reachable = Reachable();
        foreach (var position in order)
        {
            if (engine.Find(position.Job.JobId) is { IsWaiting: true } active)
            {
                // The reply's send loop starts here and inherits the scope, so its lines name the job.
                using var logScope = JobEngine.LogScope(engine.Logger, active.Job.Id);
                using var span = JobTelemetry.Within(active);
                var reason = WaitReason(paused, reachable, position.Job.Workflow);
                _ = reason is null ? active.TryMoveFrom(RunState.Held, RunState.Waiting) : active.TryMoveFrom(RunState.Waiting, RunState.Held);

                // No estimate while nothing can start it: it would be a guess presented as a promise.
                var state = QueuedState(position.Position, foreign, reason is null ? activity : null);
                var lines = new List<string>(3) { state.Text };
                if (active.WaitingNote is { } note && note != reason)
                {
                    lines.Add(note);
                }

                if (reason is not null)
                {
                    lines.Add(reason);
                }

                active.Show(state with { Text = string.Join('\n', lines) });
            }
        }
    }

    /// <summary>
    /// Why a waiting job cannot start now, whatever its place: the queue is paused, no server is reachable, or none of
    /// the reachable ones can run its workflow. Null when only its place in line holds it back.
    /// </summary>
    private string? WaitReason(bool paused, List<IJobBackend> reachable, string workflow)
    {
        if (paused)
        {
            return ReplyTexts.Paused;
        }

        if (reachable.Count == 0)
        {
            return ReplyTexts.Offline;
        }

        return engine.Workflows.TryGet(workflow, out var definition) && !reachable.Any(b => b.CanRun(definition.Template))
            ? ReplyTexts.NoCapableServer(workflow)
            : null;
    }

    /// <summary>The backends a job could be sent to now: up, and not held after refusing a job.</summary>
    private List<IJobBackend> Reachable()
    {
        return [.. engine.Backends.Where(b => b.Health.IsUp && !engine.Holds.IsHeld(b.Name))];
    }

    // Ahead of a waiting job: the bot's jobs before it plus prompts other clients put on the live servers.
    // EstimateStart walks every job ahead, so estimating all n places costs O(n²) per round; past the horizon the
    // number would be a guess anyway.
    private ReplyState QueuedState(int position, int foreign, BackendActivity[]? activity) =>
        ReplyState.Progress(ProgressView.Queued(
            position,
            position - 1 + foreign,
            activity is not null && position <= engine.Options.EtaHorizon ? engine.Eta.EstimateStart(position, activity) : null));

    private int ForeignQueued() => engine.Backends.Where(b => b.Health.IsUp).Sum(b => b.Health.ForeignQueued);

    private BackendActivity[] Activity() => [.. engine.Slots.Snapshot().Select(l => new BackendActivity(l.Name, l.InFlight))];

    [LoggerMessage(Level = LogLevel.Error, Message = "A dispatch round failed; the next wake-up tries again")]
    private static partial void LogDispatchFailed(ILogger logger, Exception error);
}

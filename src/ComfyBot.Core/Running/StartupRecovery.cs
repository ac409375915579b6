using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Running;

/// <summary>
/// Start-up recovery: rebuilds the in-memory side from the store before the dispatcher starts. Waiting jobs queue again
/// at their place, jobs on a GPU server are reattached to their prompt on tasks of their own (a server down at start
/// must not hold up the bot), and final states not yet delivered are delivered, images read again where they can be.
/// </summary>
internal sealed class StartupRecovery(JobEngine engine, JobEndings endings, OutputImages outputs, JobRunner runner)
{
    /// <summary>
    /// Rebuilds the in-memory side from the store: waiting jobs queue again, jobs on a GPU server are reattached
    /// to their prompt (lost ones queue again), and final states not yet delivered are delivered once.
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var jobs = await engine.Store.ListActiveAsync(cancellationToken);
        foreach (var job in jobs)
        {
            if (job.IsFinal)
            {
                // A success fetches its images again from a GPU server that may be slow or gone: off the start's path.
                var active = Recovered(job);
                JobLog.RecoveredFinal(engine, job);
                engine.Track(Task.Run(async () => endings.DeliverFinal(active, await RecoveredFinalAsync(job)), CancellationToken.None));
            }
            else if (!engine.Workflows.TryGet(job.Workflow, out _))
            {
                // It would wait forever: no backend can run a workflow that is not configured.
                var active = Recovered(job);
                await endings.EndAsync(active, JobState.Failed, ReplyTexts.WorkflowGone(job.Workflow), cancellationToken);
            }
            else if (job.State == JobState.Waiting)
            {
                engine.Enqueue(job);
            }
            else
            {
                await ReattachAsync(job);
            }
        }

        JobLog.Recovered(
            engine.Logger,
            jobs.Count,
            jobs.Count(j => j.State == JobState.Waiting && engine.Workflows.TryGet(j.Workflow, out _)),
            jobs.Count(j => !j.IsFinal && j.State != JobState.Waiting && engine.Workflows.TryGet(j.Workflow, out _)),
            jobs.Count(j => j.IsFinal),
            jobs.Count(j => !j.IsFinal && !engine.Workflows.TryGet(j.Workflow, out _)));
    }

    /// <summary>
    /// The final reply of a job that ended before a restart but was not delivered: a success fetches its images again
    /// from its backend, fitted to the job's own limit; images that cannot be had or read are named in the text, and
    /// when none can, the reply says so with ❌ instead of staying unsent.
    /// </summary>
    private async Task<ReplyState> RecoveredFinalAsync(Job job)
    {
        if (job is not { State: JobState.Succeeded, Backend: { } name })
        {
            return engine.Composer.Ended(job, job.State, job.Detail ?? ProgressView.Done(job.Outputs.Count, job.Seed, TimeSpan.Zero));
        }

        var elapsed = (job.FinishedAt - job.StartedAt) ?? TimeSpan.Zero;

        // Images sent over the WebSocket were kept in the store: they need no server.
        var streamed = await outputs.StreamedAsync(job, CancellationToken.None);
        if (engine.FindBackend(name) is not { } backend)
        {
            return streamed.Count > 0 && !OutputImages.Saved(job.Outputs).Any()
                ? Delivered(job, streamed, [], elapsed)
                : engine.Composer.Ended(job, job.State, $"{ProgressView.Done(job.Outputs.Count, job.Seed, elapsed)}\n{ReplyTexts.NotRefetched(name)}");
        }

        var (fetched, problems) = await outputs.FetchAsync(backend, job.Outputs);
        IReadOnlyList<ReplyImage> images = [.. fetched, .. streamed];
        if (images.Count == 0 && problems.Count > 0 && problems.Count == OutputImages.Saved(job.Outputs).Count())
        {
            // The server has none of them any more (or is down): the run's success is still told.
            return engine.Composer.Ended(job, job.State, $"{ProgressView.Done(job.Outputs.Count, job.Seed, elapsed)}\n{ReplyTexts.NotRefetched(name)}");
        }

        return Delivered(job, images, problems, elapsed);
    }

    private ReplyState Delivered(Job job, IReadOnlyList<ReplyImage> images, IReadOnlyList<string> problems, TimeSpan elapsed)
    {
        // Stored as a success already: even one whose images cannot be read keeps its buttons, so Re-roll still works.
        var (final, _) = engine.Composer.Success(job, images, problems, elapsed);
        return final with { Buttons = engine.Composer.Buttons(job, job.State) };
    }

    /// <summary>
    /// The in-memory side of a job read back from the store, with a span and the log of its moves like any job's, so a
    /// job that ends at recovery (already final, or its workflow gone) is traced and logged as one that ends in a run.
    /// </summary>
    private ActiveJob Recovered(Job job) =>
        new(job, new ReplyThrottle(engine.Views(job), engine.Time, engine.Options.Reply, engine.Logger, engine.PlaceEdits))
        {
            Span = engine.Telemetry.StartJob(job),
            Moved = engine.Moves,
        };

    private async Task ReattachAsync(Job job)
    {
        var active = Recovered(job);
        engine.Add(active);

        if (job.Backend is null || job.PromptId is null || engine.FindBackend(job.Backend) is not { } backend || !engine.Slots.TryAcquire(backend.Name))
        {
            await endings.RequeueAsync(active, why: null);
            return;
        }

        // On a task of its own: a server that is down at start must not hold up the start of the bot.
        engine.Track(Task.Run(() => runner.FollowReattachedAsync(active, backend, job.PromptId), CancellationToken.None));
    }
}

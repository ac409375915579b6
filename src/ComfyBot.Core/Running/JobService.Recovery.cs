using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Running;

public sealed partial class JobService
{
    /// <summary>
    /// Rebuilds the in-memory side from the store: waiting jobs queue again, jobs on a GPU server are reattached
    /// to their prompt (lost ones queue again), and final states not yet delivered are delivered once.
    /// </summary>
    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var job in await _store.ListActiveAsync(cancellationToken))
        {
            if (job.IsFinal)
            {
                // A success fetches its images again from a GPU server that may be slow or gone: off the start's path.
                var active = new ActiveJob(job, new ReplyThrottle(_views(job), _time, _options.Reply, _logger));
                Track(Task.Run(async () => DeliverFinal(active, await RecoveredFinalAsync(job)), CancellationToken.None));
            }
            else if (!_workflows.TryGet(job.Workflow, out _))
            {
                // It would wait forever: no backend can run a workflow that is not configured.
                var active = new ActiveJob(job, new ReplyThrottle(_views(job), _time, _options.Reply, _logger));
                await EndAsync(active, JobState.Failed, ReplyTexts.WorkflowGone(job.Workflow), cancellationToken);
            }
            else if (job.State == JobState.Waiting)
            {
                Enqueue(job);
            }
            else
            {
                await ReattachAsync(job);
            }
        }
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
            return _composer.Ended(job, job.State, job.Detail ?? ProgressView.Done(job.Outputs.Count, job.Seed, TimeSpan.Zero));
        }

        var elapsed = (job.FinishedAt - job.StartedAt) ?? TimeSpan.Zero;
        if (FindBackend(name) is not { } backend)
        {
            return _composer.Ended(job, job.State, $"{ProgressView.Done(job.Outputs.Count, job.Seed, elapsed)}\n{ReplyTexts.NotRefetched(name)}");
        }

        var (images, problems) = await FetchImagesAsync(backend, job.Outputs);
        if (images.Count == 0 && problems.Count > 0 && problems.Count == SavedImages(job.Outputs).Count())
        {
            // The server has none of them any more (or is down): the run's success is still told.
            return _composer.Ended(job, job.State, $"{ProgressView.Done(job.Outputs.Count, job.Seed, elapsed)}\n{ReplyTexts.NotRefetched(name)}");
        }

        // Stored as a success already: even one whose images cannot be read keeps its buttons, so Re-roll still works.
        var (final, _) = _composer.Success(job, images, problems, elapsed);
        return final with { Buttons = _composer.Buttons(job, job.State) };
    }

    private async Task ReattachAsync(Job job)
    {
        var active = new ActiveJob(job, new ReplyThrottle(_views(job), _time, _options.Reply, _logger));
        lock (_gate)
        {
            _jobs[job.Id] = active;
        }

        if (job.Backend is null || job.PromptId is null || FindBackend(job.Backend) is not { } backend || !_slots.TryAcquire(backend.Name))
        {
            await RequeueAsync(active);
            return;
        }

        // On a task of its own: a server that is down at start must not hold up the start of the bot.
        Track(Task.Run(() => FollowReattachedAsync(active, backend, job.PromptId), CancellationToken.None));
    }

    private Task FollowReattachedAsync(ActiveJob active, IJobBackend backend, string promptId) =>
        HoldSlotAsync(active, backend.Name, async () =>
        {
            using var scope = await OpenScopeAsync(active, backend);
            if (scope is null)
            {
                // It waits again (or was cancelled meanwhile); a server only cut off may still run the prompt.
                LeaveBehind(backend.Name, promptId);
                return;
            }

            await FollowAsync(active, backend, scope.Track(promptId));
        });
}

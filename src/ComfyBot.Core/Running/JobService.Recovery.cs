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
                await EndAsync(
                    active,
                    JobState.Failed,
                    $"❌ Workflow '{job.Workflow}' is no longer configured on this bot, so this job cannot run; pick another workflow and try again.",
                    [],
                    cancellationToken);
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
    /// from its backend, fitted to the job's own limit; when they cannot be had, the text says the images were lost.
    /// </summary>
    private async Task<ReplyState> RecoveredFinalAsync(Job job)
    {
        if (job is { State: JobState.Succeeded, Backend: { } name } && _monitor.Find(name) is { } backend)
        {
            try
            {
                var images = await FetchImagesAsync(backend, job.Outputs);
                return FinalFor(job, images, (job.FinishedAt - job.StartedAt) ?? TimeSpan.Zero);
            }
            catch (Exception error) when (error is HttpRequestException or ComfyBot.Comfy.Http.ComfyUnavailableException or ComfyBot.Comfy.Http.ComfyHttpException)
            {
                LogBackendOffline(name, job.Id, error.Message);
                return ReplyState.Final(
                    $"{ProgressView.Done(job.Outputs.Count, job.Seed, TimeSpan.Zero)}\n⚠️ The images could not be fetched again from {name} after a restart of the bot.",
                    buttons: FinalButtons(job));
            }
        }

        return ReplyState.Final(job.Detail ?? ProgressView.Done(job.Outputs.Count, job.Seed, TimeSpan.Zero), buttons: FinalButtons(job));
    }

    private async Task ReattachAsync(Job job)
    {
        var active = new ActiveJob(job, new ReplyThrottle(_views(job), _time, _options.Reply, _logger)) { Dispatched = true };
        lock (_gate)
        {
            _jobs[job.Id] = active;
        }

        if (job.Backend is null || job.PromptId is null || _monitor.Find(job.Backend) is not { } backend || !_slots.TryAcquire(backend.Name))
        {
            await RequeueAsync(active);
            return;
        }

        // On a task of its own: a server that is down at start must not hold up the start of the bot.
        Track(Task.Run(() => FollowReattachedAsync(active, backend, job.PromptId), CancellationToken.None));
    }

    private Task FollowReattachedAsync(ActiveJob active, Backend backend, string promptId) =>
        HoldSlotAsync(active, backend.Name, async () =>
        {
            using var scope = await OpenScopeAsync(active, backend);
            if (scope is null)
            {
                // It waits again (or was cancelled meanwhile); a server only cut off may still run the prompt.
                LeaveBehind(backend.Name, promptId);
                return;
            }

            await FollowAsync(active, backend, scope.Tracker.Track(promptId));
        });
}

using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Scheduling;

namespace ComfyBot.Core.Running;

public sealed partial class JobService
{
    private async Task FollowAsync(ActiveJob active, IJobBackend backend, TrackedJob tracked)
    {
        await using var owned = tracked;
        var started = _time.GetUtcNow();
        var submitted = started;
        try
        {
            await foreach (var snapshot in tracked.ReadSnapshotsAsync(active.Stop.Token))
            {
                switch (snapshot)
                {
                    case JobQueued queued:
                        active.Show(ReplyState.Progress(ProgressView.Queued(queued.Position, queued.Ahead)));
                        break;
                    case JobRunning running:
                        if (active.Job.State == JobState.Submitted)
                        {
                            started = _time.GetUtcNow();
                            active.Job = await _store.TryTransitionAsync(active.Job.Id, JobState.Running, cancellationToken: CancellationToken.None) ?? active.Job;
                            active.MoveTo(RunState.Running);
                        }

                        Prefetch(active, backend, running.Outputs);
                        var preview = running.Preview is { } p ? new ReplyImage("preview" + Extension(p.MimeType), p.MimeType, p.Data) : null;
                        active.Show(ReplyState.Progress(ProgressView.Running(running, _time.GetUtcNow() - started), preview));
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (active.CancelledBy is not null && !_shutdown.IsCancellationRequested)
        {
            // A cancel of a job still in ComfyUI's queue deleted it there; the tracker would only notice later.
            await EndCancelledAsync(active);
            return;
        }

        var outcome = await tracked.Outcome.WaitAsync(active.Stop.Token);
        var finished = _time.GetUtcNow();
        active.MoveTo(RunState.Concluding);
        if (outcome is JobSucceeded or JobFailed)
        {
            _eta.Record(new FinishedRun(active.Job.Workflow, backend.Name, started - submitted, finished - started));
            backend.RecordFinished(finished - started);
            // Measured here rather than at the first step: a fast run can end before any progress event is read.
            _metrics.QueueWait(started - active.Job.CreatedAt);
            _metrics.Generation(finished - started);
        }

        await ConcludeAsync(active, backend, outcome, finished - started);
    }

    private async Task ConcludeAsync(ActiveJob active, IJobBackend backend, JobOutcome outcome, TimeSpan elapsed)
    {
        switch (outcome)
        {
            case JobSucceeded succeeded:
                // Whatever the images turn out to be, the job reaches a final state its member sees.
                var (images, problems) = await FetchImagesAsync(backend, succeeded.Outputs, active.Fetched);
                var (final, ok) = _composer.Success(active.Job, images, problems, elapsed);
                await ConcludeWithAsync(
                    active,
                    ok ? JobState.Succeeded : JobState.Failed,
                    final,
                    j => j with { Outputs = succeeded.Outputs, Detail = ok ? j.Detail : final.Text },
                    CancellationToken.None);
                break;
            // Attempts counts stored submissions, so the limit holds across restarts of the bot too.
            case JobLost lost when active.CancelledBy is null && active.Job.Attempts <= _options.LostRequeues:
                // Shown at once too: a free slot may take the job again before the next queued update.
                active.WaitingNote = ReplyTexts.LostRequeued(lost.Reason);
                active.Show(ReplyState.Progress(active.WaitingNote));
                await RequeueAsync(active);
                break;
            case JobLost when active.CancelledBy is null:
                await EndAsync(active, JobState.Failed, ProgressView.Ended(outcome), CancellationToken.None, RunState.Lost);
                break;
            case JobFailed when active.CancelledBy is null:
                await EndAsync(active, JobState.Failed, ProgressView.Ended(outcome), CancellationToken.None);
                break;
            case JobInterrupted when active.CancelledBy is null:
                await EndAsync(active, JobState.Interrupted, ProgressView.Ended(outcome), CancellationToken.None);
                break;
            default:
                await EndCancelledAsync(active);
                break;
        }
    }

    private static string Extension(string mimeType) => mimeType switch
    {
        "image/png" => ".png",
        "image/webp" => ".webp",
        _ => ".jpg",
    };
}

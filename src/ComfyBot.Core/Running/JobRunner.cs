using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Templates;
using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Running;

/// <summary>
/// One job's run on a backend, from the slot the dispatcher gave it to its outcome: open the scope (its event stream),
/// upload and submit, follow the snapshots into the reply, and conclude. A refusal holds the backend and sends the job
/// back; a server that goes down hands it to <see cref="Evacuation"/>; a crash fails it; the slot is released whatever
/// happened. The run's state moves only along <see cref="RunTransitions"/>.
/// </summary>
internal sealed partial class JobRunner(JobEngine engine, JobEndings endings, OutputImages outputs, Evacuation evacuation)
{
    /// <summary>Runs a job the dispatcher took for <paramref name="backendName"/> until it ends or goes back to the queue.</summary>
    public Task RunAsync(ActiveJob active, string backendName)
    {
        var backend = engine.FindBackend(backendName)!;
        return HoldSlotAsync(active, backendName, async () =>
        {
            using var scope = await OpenScopeAsync(active, backend);
            var tracked = scope is null ? null : await SubmitToBackendAsync(active, backend, scope);
            if (tracked is not null)
            {
                await FollowAsync(active, backend, tracked);
            }
        });
    }

    /// <summary>
    /// Runs a job's work on a backend (a fresh dispatch or a job reattached at start) and ends it the one way both
    /// need: shutdown leaves the job in the store, a move sends it back to the queue, a crash fails it, and the
    /// backend's slot is released whatever happened.
    /// </summary>
    private async Task HoldSlotAsync(ActiveJob active, string backendName, Func<Task> work)
    {
        // Every line this job causes from here (tracker, client, reply, store) carries its JobId.
        using var logScope = JobEngine.LogScope(engine.Logger, active.Job.Id);
        using var span = engine.Telemetry.StartStep(active, "job.run")?.SetTag("comfybot.backend", backendName);
        try
        {
            await work();
        }
        catch (OperationCanceledException) when (engine.Shutdown.IsCancellationRequested)
        {
            // Shutting down: the store keeps the job as it is, and the next start reattaches it.
        }
        catch (OperationCanceledException) when (active.Stopping is StopReason.MoveOff move)
        {
            await evacuation.MoveBackAsync(active, move.Backend);
        }
        catch (ComfyResponseTooLargeException error)
        {
            // The server's fault, not the bot's: the job fails with the cap's words, and the server is taken out of service
            // (after the job has ended, so that moving its jobs off does not take this one).
            await endings.EndAsync(active, JobState.Failed, ReplyTexts.Crashed(error.Message), CancellationToken.None);
            engine.FindBackend(backendName)?.MarkFaulty(error.Message);
        }
        catch (Exception error)
        {
            LogJobCrashed(engine.Logger, error, active.Job.Id);
            await endings.EndAsync(active, JobState.Failed, ReplyTexts.Crashed(error.Message), CancellationToken.None);
        }
        finally
        {
            engine.Slots.Release(backendName);
            engine.Wake();
        }
    }

    private async Task<IJobScope?> OpenScopeAsync(ActiveJob active, IJobBackend backend)
    {
        // A new scope waits for its first WebSocket connection, which never comes from a server that is down.
        using var connect = new CancellationTokenSource(engine.Options.ConnectTimeout, engine.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(active.Stop.Token, connect.Token);
        try
        {
            return await backend.OpenScopeAsync(engine.ScopeKey(active.Job), linked.Token);
        }
        catch (OperationCanceledException) when (connect.IsCancellationRequested && !active.Stop.IsCancellationRequested)
        {
            await KeepWaitingAsync(active, backend, new TimeoutException($"its event stream did not connect within {engine.Options.ConnectTimeout}"));
            return null;
        }
        catch (Exception error) when (error is not OperationCanceledException && !engine.Shutdown.IsCancellationRequested)
        {
            await KeepWaitingAsync(active, backend, error);
            return null;
        }
        catch (OperationCanceledException) when (active.IsEnding && !engine.Shutdown.IsCancellationRequested)
        {
            await endings.EndCancelledAsync(active);
            return null;
        }
    }

    private async Task KeepWaitingAsync(ActiveJob active, IJobBackend backend, Exception error)
    {
        JobEngine.LogBackendOffline(engine.Logger, backend.Name, active.Job.Id, error.Message);
        engine.Holds.Hold(backend.Name);
        if (error is ComfyResponseTooLargeException)
        {
            // An endless answer to POST /prompt: the job waits for another server, and this one is out of service.
            backend.MarkFaulty(error.Message);
        }

        await endings.RequeueAsync(active, ReplyTexts.Offline);
    }

    /// <summary>Returns the tracked prompt, or null when the job went back to waiting or ended here.</summary>
    private async Task<TrackedJob?> SubmitToBackendAsync(ActiveJob active, IJobBackend backend, IJobScope scope)
    {
        var job = active.Job;
        var ct = active.Stop.Token;
        RenderedWorkflow rendered;
        TrackedJob tracked;
        try
        {
            rendered = engine.Definition(job.Workflow).Template.Render(await WithInputImageAsync(job, backend, ct));
            using (engine.Telemetry.Source.StartActivity("job.submit")?.SetTag("comfybot.backend", backend.Name))
            {
                tracked = await scope.SubmitAsync(new PromptRequest(rendered.ToJsonObject()) { ClientId = scope.ClientId }, ct);
            }

            job = await engine.Store.TransitionAsync(
                job.Id,
                JobState.Submitted,
                j => j with { Backend = backend.Name, PromptId = tracked.PromptId, ClientId = scope.ClientId, Seed = rendered.Seed ?? j.Seed },
                CancellationToken.None);
            active.Job = job;
            active.MoveTo(RunState.Submitted);
            evacuation.CleanUpAfter(backend);
        }
        catch (ArgumentException error) when (error is not ArgumentOutOfRangeException)
        {
            // Render refused the stored values (a template changed since the job was queued).
            await endings.EndAsync(active, JobState.Failed, ReplyTexts.CannotRunWithOptions(error.Message), CancellationToken.None);
            return null;
        }
        catch (PromptValidationException error)
        {
            await endings.EndAsync(active, JobState.Failed, ReplyTexts.RefusedByServer(error.Message), CancellationToken.None);
            return null;
        }
        catch (Exception error) when (error is not OperationCanceledException && !engine.Shutdown.IsCancellationRequested)
        {
            await KeepWaitingAsync(active, backend, error);
            return null;
        }
        catch (OperationCanceledException) when (active.IsEnding && !engine.Shutdown.IsCancellationRequested)
        {
            await endings.EndCancelledAsync(active);
            return null;
        }

        if (active.IsEnding)
        {
            await tracked.DisposeAsync();
            await engine.DeleteQuietlyAsync(backend, tracked.PromptId);
            await endings.EndCancelledAsync(active);
            return null;
        }

        return tracked;
    }

    /// <summary>
    /// Uploads the job's input image to <paramref name="backend"/> and points the parameters at the name it returned.
    /// Every attempt uploads again: another backend, or a restarted one, does not have the file.
    /// </summary>
    private async Task<WorkflowParameters> WithInputImageAsync(Job job, IJobBackend backend, CancellationToken cancellationToken)
    {
        if (!engine.Definition(job.Workflow).TakesImage || await engine.Images.GetInputImageAsync(job.Id, cancellationToken) is not { } input)
        {
            return job.Parameters;
        }

        return job.Parameters with { Image = await backend.UploadImageAsync(input.Content, input.FileName, cancellationToken) };
    }


    /// <summary>Follows a job found on a server at start (its slot already taken) until it ends or goes back.</summary>
    public Task FollowReattachedAsync(ActiveJob active, IJobBackend backend, string promptId) =>
        HoldSlotAsync(active, backend.Name, async () =>
        {
            using var scope = await OpenScopeAsync(active, backend);
            if (scope is null)
            {
                // It waits again (or was cancelled meanwhile); a server only cut off may still run the prompt.
                evacuation.LeaveBehind(backend.Name, promptId);
                return;
            }

            await FollowAsync(active, backend, scope.Track(promptId));
        });

    private async Task FollowAsync(ActiveJob active, IJobBackend backend, TrackedJob tracked)
    {
        await using var owned = tracked;
        active.Clock = tracked.Clock;

        // A job reattached after a restart ran before it: its time counts from the start the store kept.
        var started = active.Job is { State: JobState.Running, StartedAt: { } stored } ? stored : engine.Time.GetUtcNow();
        var submitted = started;
        var watched = false;
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
                        watched = true;
                        if (active.Job.State == JobState.Submitted)
                        {
                            started = engine.Time.GetUtcNow();
                            active.Job = await engine.Store.TryTransitionAsync(active.Job.Id, JobState.Running, cancellationToken: CancellationToken.None) ?? active.Job;
                            active.MoveTo(RunState.Running);
                        }

                        OutputImages.Prefetch(active, backend, running.Outputs);
                        var preview = running.Preview is { } p ? new ReplyImage("preview" + Extension(p.MimeType), p.MimeType, p.Data) : null;
                        active.Show(ReplyState.Progress(ProgressView.Running(running, engine.Time.GetUtcNow() - started), preview));
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (active.IsEnding && !engine.Shutdown.IsCancellationRequested)
        {
            // A cancel of a job still in ComfyUI's queue deleted it there; the tracker would only notice later.
            await endings.EndCancelledAsync(active);
            return;
        }

        var outcome = await tracked.Outcome.WaitAsync(active.Stop.Token);
        var finished = engine.Time.GetUtcNow();

        // A run that ended unseen (while the bot was down) is timed by the server's own history, not by this moment.
        if (!watched && outcome is JobSucceeded { RunTime: { } serverTime })
        {
            submitted = started = finished - serverTime;
        }

        active.MoveTo(RunState.Concluding);
        if (outcome is JobSucceeded or JobFailed)
        {
            engine.Eta.Record(new FinishedRun(active.Job.Workflow, backend.Name, started - submitted, finished - started));
            backend.RecordFinished(finished - started);
            // Measured here rather than at the first step: a fast run can end before any progress event is read.
            engine.Metrics.QueueWait(started - active.Job.CreatedAt);
            engine.Metrics.Generation(finished - started);
        }

        await ConcludeAsync(active, backend, outcome, finished - started);
    }

    private async Task ConcludeAsync(ActiveJob active, IJobBackend backend, JobOutcome outcome, TimeSpan elapsed)
    {
        switch (outcome)
        {
            case JobSucceeded succeeded:
                // Whatever the images turn out to be, the job reaches a final state its member sees.
                var (fetched, problems) = await outputs.FetchAsync(backend, succeeded.Outputs, active.Fetched);
                var streamed = OutcomeNotes.StreamedImages(succeeded).ToList();
                IReadOnlyList<ReplyImage> images = [.. fetched, .. streamed];
                var kept = await outputs.KeepStreamedAsync(active.Job.Id, succeeded, streamed);
                if (images.Count == 0 && problems.Count == 0)
                {
                    LogNoImage(engine.Logger, active.Job.Id, succeeded.SkippedOutputs.Count);
                }

                var (final, ok) = engine.Composer.Success(active.Job, images, problems, elapsed, succeeded.SkippedOutputs);
                await endings.ConcludeWithAsync(
                    active,
                    ok ? JobState.Succeeded : JobState.Failed,
                    final,
                    j => j with { Outputs = [.. succeeded.Outputs, .. kept], Detail = ok ? j.Detail : final.Text },
                    CancellationToken.None);
                break;
            // Attempts counts stored submissions, so the limit holds across restarts of the bot too.
            case JobLost lost when !active.IsEnding && active.Job.Attempts <= engine.Options.LostRequeues:
                await endings.RequeueAsync(active, ReplyTexts.LostRequeued(lost.Reason));
                break;
            case JobLost when !active.IsEnding:
                await endings.EndAsync(active, JobState.Failed, ProgressView.Ended(outcome), CancellationToken.None, RunState.Lost);
                break;
            case JobFailed when !active.IsEnding:
                await endings.EndAsync(active, JobState.Failed, ProgressView.Ended(outcome), CancellationToken.None);
                break;
            case JobInterrupted when !active.IsEnding:
                await endings.EndAsync(active, JobState.Interrupted, ProgressView.Ended(outcome), CancellationToken.None);
                break;
            default:
                await endings.EndCancelledAsync(active);
                break;
        }
    }

    private static string Extension(string mimeType) => mimeType switch
    {
        "image/png" => ".png",
        "image/webp" => ".webp",
        _ => ".jpg",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job #{JobId} finished without an image ({Skipped} output(s) skipped by ComfyUI); it ends as failed")]
    private static partial void LogNoImage(ILogger logger, long jobId, int skipped);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job #{JobId} failed inside JobService")]
    private static partial void LogJobCrashed(ILogger logger, Exception error, long jobId);
}

using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Store;
using ComfyBot.Core.Usage;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Running;

/// <summary>
/// How a job leaves a run: to a final state stored and delivered once, or back to the fair queue. Every ending goes
/// through here, so the final transition decides once which path ends a job, and nothing after ComfyUI's work (a
/// store that refuses the write, a reply that fails) leaves the member without the final state.
/// </summary>
internal sealed partial class JobEndings(JobEngine engine)
{
    /// <summary>Ends a job someone stopped, as its <see cref="ActiveJob.Stopping"/> says: interrupted by an admin, or cancelled.</summary>
    public Task EndCancelledAsync(ActiveJob active) => active.Stopping switch
    {
        StopReason.Interrupt interrupt => EndAsync(active, JobState.Interrupted, ReplyTexts.InterruptedBy(interrupt.By), CancellationToken.None),
        StopReason.Cancel cancel => EndAsync(active, JobState.Cancelled, ReplyTexts.Cancelled(cancel.By), CancellationToken.None),

        // ComfyUI reported it cancelled with no stop asked here (an admin on the server itself).
        _ => EndAsync(active, JobState.Cancelled, ReplyTexts.Cancelled(null), CancellationToken.None),
    };

    /// <summary>
    /// Stores a final state without images, then delivers its reply once. <paramref name="run"/> is the final run state
    /// when it is not the stored one's (Lost is stored Failed).
    /// </summary>
    public Task EndAsync(ActiveJob active, JobState state, string text, CancellationToken cancellationToken, RunState? run = null) =>
        ConcludeWithAsync(active, state, engine.Composer.Ended(active.Job, state, text), j => j with { Detail = text }, cancellationToken, run);

    /// <summary>
    /// Stores a final state and delivers <paramref name="final"/>. A store that refuses the write (a full disk) does not
    /// keep the reply from its final state: the member gets it with a note, and the job leaves memory (so it no longer
    /// counts against the member's cap); the store still shows it unfinished, and the next start concludes it again.
    /// </summary>
    public async Task ConcludeWithAsync(ActiveJob active, JobState state, ReplyState final, Func<Job, Job> change, CancellationToken cancellationToken, RunState? run = null)
    {
        // Before the write: a move the table does not list is a bug, and it must not leave a half-stored ending. A job
        // recovered already final (its reply still to send) has no move left to make.
        if (!JobTransitions.IsFinal(active.Job.State) && !active.TryEnd(run ?? RunTransitions.Final(state)))
        {
            // Another path of this service ended it first.
            return;
        }

        Job? stored;
        try
        {
            stored = await engine.Store.TryEndAttemptAsync(active.Job.Id, state, change, MeasureRun(active, stoppedHere: active.IsEnding), cancellationToken);
        }
        catch (Exception error) when (StoreFailure.Is(error))
        {
            LogOutcomeNotStored(engine.Logger, error, active.Job.Id, state);
            active.Job = change(active.Job) with { State = state };
            DeliverFinal(active, final with { Text = $"{final.Text}\n{ReplyTexts.NotSaved(StoreFailure.Describe(error))}" }, outcomeStored: false);
            return;
        }

        if (stored is null)
        {
            // Someone else (another path of this service, or an earlier run) already ended it.
            engine.Forget(active);
            return;
        }

        active.Job = stored;
        DeliverFinal(active, final);
    }

    /// <summary>
    /// Sends the final reply on a tracked task (the GPU slot is free once the outcome is stored, while the reply may
    /// still wait out its pacing) and marks it delivered once it is on the message. A shutdown before that leaves it
    /// unmarked, and the next start sends it again: the view keeps what it already sent in its chat target, so the
    /// message is finished, not sent twice. The final transition, which one caller wins, keeps two paths of this
    /// service from delivering one job. With <paramref name="outcomeStored"/> false (the store refused the final
    /// state) nothing is marked: the store still has the job unfinished, and the next start concludes it again.
    /// </summary>
    public void DeliverFinal(ActiveJob active, ReplyState final, bool outcomeStored = true)
    {
        engine.Forget(active);
        engine.Metrics.Finished(active.Job.State);
        engine.Track(FinishReplyAsync(active, final, outcomeStored));
    }

    /// <summary>
    /// Sends a job that could not finish here back to the fair queue, at the place it had; <paramref name="why"/> is
    /// shown at once (a free slot may take the job again before the next queued update) and under its place until it
    /// is submitted again (null: nothing to tell).
    /// </summary>
    public async Task RequeueAsync(ActiveJob active, string? why)
    {
        if (why is not null)
        {
            active.Show(ReplyState.Progress(why));
        }

        if (active.Job.State != JobState.Waiting)
        {
            active.Job = await engine.Store.EndAttemptAsync(active.Job.Id, JobState.Waiting, null, MeasureRun(active, stoppedHere: false), CancellationToken.None);
        }

        // The next attempt is followed by a tracker of its own.
        active.Clock = null;

        active.MoveBack(why);
        active.ForgetFetched();

        // It had its turn: it keeps its place ahead of jobs submitted while it was away.
        engine.Scheduler.Return(JobEngine.ToQueued(active.Job));
        engine.Waiting.Mark(active.Job.Id);

        // A cancel that came while it was on its way back found it in no queue: it ends now rather than waiting for a
        // server only to be deleted there.
        if (active.IsEnding && engine.Scheduler.Remove(active.Job.Id))
        {
            await EndCancelledAsync(active);
        }
    }

    private async Task FinishReplyAsync(ActiveJob active, ReplyState final, bool outcomeStored)
    {
        ReplyDelivery delivery;
        using (var span = engine.Telemetry.StartStep(active, "job.final"))
        {
            try
            {
                delivery = await active.Reply.FinishAsync(final, engine.Shutdown);
            }
            catch (OperationCanceledException) when (engine.Shutdown.IsCancellationRequested)
            {
                // Shutting down mid-delivery: the final stays unmarked and the next start sends it.
                delivery = new ReplyDelivery(ReplyOutcome.Abandoned, 0);
            }

            span?.SetTag("comfybot.reply.outcome", delivery.Outcome.ToString().ToLowerInvariant());
        }

        if (!delivery.Delivered)
        {
            LogFinalNotDelivered(engine.Logger, active.Job.Id, delivery.Outcome);
        }

        // A reply that failed every retry is marked too: the next start would fail the same way (a deleted channel,
        // a token long expired), and a final no one can see must not be retried forever.
        // Only a final the store holds can be marked: marking one it refused would throw and skip the disposal below.
        if (delivery.Outcome != ReplyOutcome.Abandoned && outcomeStored)
        {
            try
            {
                await engine.Store.MarkFinalDeliveredAsync(active.Job.Id, CancellationToken.None);
            }
            catch (Exception error) when (StoreFailure.Is(error))
            {
                // The member has the reply; the next start may send it once more, which edits the same message.
                LogOutcomeNotStored(engine.Logger, error, active.Job.Id, active.Job.State);
            }
        }

        await active.Reply.DisposeAsync();
        JobTelemetry.EndJob(active);
        active.Dispose();
    }

    /// <summary>
    /// The GPU time of the attempt the coming move ends (see <see cref="GpuMeter"/>), logged when it is not the server's
    /// own measure, so that a guess is never silent.
    /// </summary>
    private GpuRun? MeasureRun(ActiveJob active, bool stoppedHere)
    {
        var run = GpuMeter.Measure(active.Job, active.Clock?.Read(), stoppedHere, engine.Time.GetUtcNow());
        if (run is { Measure: not GpuMeasure.Reported })
        {
            LogGpuTimeEstimated(engine.Logger, active.Job.Id, run.Attempt, run.Backend, run.GpuTime.TotalSeconds, run.Measure);
        }

        return run;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job #{JobId} attempt {Attempt} on {Backend}: the server reported no end of the run, so its GPU time is counted as {Seconds:0.0} s ({Measure}: from the start the bot saw)")]
    private static partial void LogGpuTimeEstimated(ILogger logger, long jobId, int attempt, string backend, double seconds, GpuMeasure measure);

    [LoggerMessage(Level = LogLevel.Error, Message = "The job store could not record job #{JobId} as {State}; its reply is delivered anyway and the next start concludes it again")]
    private static partial void LogOutcomeNotStored(ILogger logger, Exception error, long jobId, JobState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The final reply of job #{JobId} was not delivered: {Outcome}")]
    private static partial void LogFinalNotDelivered(ILogger logger, long jobId, ReplyOutcome outcome);
}

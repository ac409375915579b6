using ComfyBot.Comfy;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Images;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Store;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Running;

public sealed partial class JobService
{
    private Task EndCancelledAsync(ActiveJob active) => active.Interrupted
        ? EndAsync(active, JobState.Interrupted, ReplyTexts.InterruptedBy(active.CancelledBy), CancellationToken.None)
        : EndAsync(active, JobState.Cancelled, ReplyTexts.Cancelled(active.CancelledBy), CancellationToken.None);

    /// <summary>
    /// Stores a final state without images, then delivers its reply once. <paramref name="run"/> is the final run state
    /// when it is not the stored one's (Lost is stored Failed).
    /// </summary>
    private Task EndAsync(ActiveJob active, JobState state, string text, CancellationToken cancellationToken, RunState? run = null) =>
        ConcludeWithAsync(active, state, _composer.Ended(active.Job, state, text), j => j with { Detail = text }, cancellationToken, run);

    /// <summary>
    /// Stores a final state and delivers <paramref name="final"/>. A store that refuses the write (a full disk) does not
    /// keep the reply from its final state: the member gets it with a note, and the job leaves memory (so it no longer
    /// counts against the member's cap); the store still shows it unfinished, and the next start concludes it again.
    /// </summary>
    private async Task ConcludeWithAsync(ActiveJob active, JobState state, ReplyState final, Func<Job, Job> change, CancellationToken cancellationToken, RunState? run = null)
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
            stored = await _store.TryTransitionAsync(active.Job.Id, state, change, cancellationToken);
        }
        catch (Exception error) when (StoreFailure.Is(error))
        {
            LogOutcomeNotStored(error, active.Job.Id, state);
            active.Job = change(active.Job) with { State = state };
            DeliverFinal(active, final with { Text = $"{final.Text}\n{ReplyTexts.NotSaved(StoreFailure.Describe(error))}" });
            return;
        }

        if (stored is null)
        {
            // Someone else (another path of this service, or an earlier run) already ended it.
            Forget(active);
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
    /// service from delivering one job.
    /// </summary>
    private void DeliverFinal(ActiveJob active, ReplyState final)
    {
        Forget(active);
        _metrics.Finished(active.Job.State);
        Track(FinishReplyAsync(active, final));
    }

    private async Task FinishReplyAsync(ActiveJob active, ReplyState final)
    {
        ReplyDelivery delivery;
        try
        {
            delivery = await active.Reply.FinishAsync(final, _shutdown.Token);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            // Shutting down mid-delivery: the final stays unmarked and the next start sends it.
            delivery = new ReplyDelivery(ReplyOutcome.Abandoned, 0);
        }

        if (!delivery.Delivered)
        {
            LogFinalNotDelivered(active.Job.Id, delivery.Outcome);
        }

        // A reply that failed every retry is marked too: the next start would fail the same way (a deleted channel,
        // a token long expired), and a final no one can see must not be retried forever.
        if (delivery.Outcome != ReplyOutcome.Abandoned)
        {
            try
            {
                await _store.MarkFinalDeliveredAsync(active.Job.Id, CancellationToken.None);
            }
            catch (Exception error) when (StoreFailure.Is(error))
            {
                // The member has the reply; the next start may send it once more, which edits the same message.
                LogOutcomeNotStored(error, active.Job.Id, active.Job.State);
            }
        }

        await active.Reply.DisposeAsync();
        active.Dispose();
    }

    /// <summary>
    /// The saved images of a finished run, using those fetched while it ran and fetching the rest now. An image the
    /// server cannot serve is left out and named in the returned problems rather than failing the whole reply.
    /// </summary>
    private async Task<(IReadOnlyList<ReplyImage> Images, IReadOnlyList<string> Problems)> FetchImagesAsync(
        IJobBackend backend,
        IReadOnlyList<OutputFile> outputs,
        IReadOnlyDictionary<ComfyFile, Task<ReplyImage?>>? fetched = null)
    {
        var images = new List<ReplyImage>(outputs.Count);
        var problems = new List<string>();
        foreach (var output in SavedImages(outputs))
        {
            try
            {
                var early = fetched?.GetValueOrDefault(output.File) is { } task ? await task : null;
                images.Add(early ?? await FetchImageAsync(backend, output.File, _shutdown.Token));
            }
            catch (Exception error) when (BackendTrouble.Is(error))
            {
                LogBackendOffline(backend.Name, 0, error.Message);
                problems.Add($"'{output.File.Filename}' could not be fetched from {backend.Name} ({error.Message})");
            }
        }

        return (images, problems);
    }

    /// <summary>
    /// Starts fetching the saved images a running job has reported so far, as their <c>executed</c> events arrive: the
    /// final reply then need not wait for them, and keeps them if the server loses its files before the run ends.
    /// </summary>
    private static void Prefetch(ActiveJob active, IJobBackend backend, IReadOnlyList<OutputFile> outputs)
    {
        foreach (var output in SavedImages(outputs))
        {
            if (!active.Fetched.ContainsKey(output.File))
            {
                active.Fetched[output.File] = TryFetchImageAsync(backend, output.File, active.Stop.Token);
            }
        }
    }

    private static async Task<ReplyImage?> TryFetchImageAsync(IJobBackend backend, ComfyFile file, CancellationToken cancellationToken)
    {
        try
        {
            return await FetchImageAsync(backend, file, cancellationToken);
        }
        catch (Exception error) when (BackendTrouble.Is(error) || error is OperationCanceledException)
        {
            // The end of the run fetches it again, and reports a failure then.
            return null;
        }
    }

    private static async Task<ReplyImage> FetchImageAsync(IJobBackend backend, ComfyFile file, CancellationToken cancellationToken)
    {
        await using var stream = await backend.OpenFileAsync(file, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return new ReplyImage(file.Filename, MediaTypeOf(file.Filename), buffer.ToArray());
    }

    private static string MediaTypeOf(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".JPG" or ".JPEG" => "image/jpeg",
        ".WEBP" => "image/webp",
        ".GIF" => "image/gif",
        _ => "image/png",
    };

    private static readonly Func<ILogger, long, IDisposable?> JobLogScope = LoggerMessage.DefineScope<long>("JobId:{JobId}");

    [LoggerMessage(Level = LogLevel.Error, Message = "A dispatch round failed; the next wake-up tries again")]
    private partial void LogDispatchFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job #{JobId} failed inside JobService")]
    private partial void LogJobCrashed(Exception error, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backend {Backend} refused job #{JobId}: {Reason}")]
    private partial void LogBackendOffline(string backend, long jobId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The job store refused a new job of member {MemberId}; the member is told it cannot be saved")]
    private partial void LogStoreRefusedJob(Exception error, ulong memberId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The job store could not record job #{JobId} as {State}; its reply is delivered anyway and the next start concludes it again")]
    private partial void LogOutcomeNotStored(Exception error, long jobId, JobState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The final reply of job #{JobId} was not delivered: {Outcome}")]
    private partial void LogFinalNotDelivered(long jobId, ReplyOutcome outcome);
}

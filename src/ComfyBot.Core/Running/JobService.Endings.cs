using ComfyBot.Comfy;
using ComfyBot.Comfy.Http;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Images;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Running;

public sealed partial class JobService
{
    private Task EndCancelledAsync(ActiveJob active) => active.Interrupted
        ? EndAsync(active, JobState.Interrupted, $"⏹️ Interrupted by {active.CancelledBy ?? "an admin"}.", [], CancellationToken.None)
        : EndAsync(active, JobState.Cancelled, $"🚫 Cancelled by {active.CancelledBy ?? "an admin"}.", [], CancellationToken.None);

    /// <summary>Stores a final state without images, then delivers its reply once.</summary>
    private async Task EndAsync(ActiveJob active, JobState state, string text, IReadOnlyList<ReplyImage> images, CancellationToken cancellationToken)
    {
        var stored = await _store.TryTransitionAsync(active.Job.Id, state, j => j with { Detail = text }, cancellationToken);
        if (stored is null)
        {
            // Someone else (another path of this service, or an earlier run) already ended it.
            Forget(active);
            return;
        }

        active.Job = stored;
        DeliverFinal(active, ReplyState.Final(text, images, FinalButtons(stored)));
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
            await _store.MarkFinalDeliveredAsync(active.Job.Id, CancellationToken.None);
        }

        await active.Reply.DisposeAsync();
        active.Dispose();
    }

    private ReplyState FinalFor(Job job, IReadOnlyList<ReplyImage> images, TimeSpan elapsed, string? skipped = null)
    {
        var grid = _workflows.TryGet(job.Workflow, out var definition) && definition.Grid;
        var prepared = ReplyAttachments.Prepare(images, job.AttachmentByteLimit ?? _options.AttachmentByteLimit, grid);
        var text = ProgressView.Done(images.Count, job.Seed, elapsed);
        if (prepared.Note is { } note)
        {
            text += $"\n{note}";
        }

        if (skipped is not null)
        {
            text += $"\n{skipped}";
        }

        // Every image: the view puts the first group on the reply and sends the rest as followups.
        return ReplyState.Final(text, [.. prepared.Groups.SelectMany(g => g)], FinalButtons(job));
    }

    /// <summary>
    /// What a final reply offers: a result can be re-rolled, inspected, and upscaled or varied when its workflow names
    /// those follow-ups; a failure can be re-rolled and inspected; a cancelled or interrupted job only inspected.
    /// </summary>
    private ReplyButtons FinalButtons(Job job)
    {
        switch (job.State)
        {
            case JobState.Succeeded:
                var buttons = ReplyButtons.Reroll | ReplyButtons.Details;
                if (_workflows.TryGet(job.Workflow, out var definition))
                {
                    buttons |= definition.UpscaleWith is null ? ReplyButtons.None : ReplyButtons.Upscale;
                    buttons |= definition.VaryWith is null ? ReplyButtons.None : ReplyButtons.Vary;
                }

                return buttons;
            case JobState.Failed:
                return ReplyButtons.Reroll | ReplyButtons.Details;
            default:
                return ReplyButtons.Details;
        }
    }

    /// <summary>The saved images of a finished run, using those fetched while it ran and fetching the rest now.</summary>
    private async Task<IReadOnlyList<ReplyImage>> FetchImagesAsync(Backend backend, IReadOnlyList<OutputFile> outputs, IReadOnlyDictionary<ComfyFile, Task<ReplyImage?>>? fetched = null)
    {
        var images = new List<ReplyImage>(outputs.Count);
        foreach (var output in SavedImages(outputs))
        {
            var early = fetched?.GetValueOrDefault(output.File) is { } task ? await task : null;
            images.Add(early ?? await FetchImageAsync(backend, output.File, _shutdown.Token));
        }

        return images;
    }

    /// <summary>
    /// Starts fetching the saved images a running job has reported so far, as their <c>executed</c> events arrive: the
    /// final reply then need not wait for them, and keeps them if the server loses its files before the run ends.
    /// </summary>
    private static void Prefetch(ActiveJob active, Backend backend, IReadOnlyList<OutputFile> outputs)
    {
        foreach (var output in SavedImages(outputs))
        {
            if (!active.Fetched.ContainsKey(output.File))
            {
                active.Fetched[output.File] = TryFetchImageAsync(backend, output.File, active.Stop.Token);
            }
        }
    }

    private static async Task<ReplyImage?> TryFetchImageAsync(Backend backend, ComfyFile file, CancellationToken cancellationToken)
    {
        try
        {
            return await FetchImageAsync(backend, file, cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or ComfyUnavailableException or ComfyHttpException or OperationCanceledException)
        {
            // The end of the run fetches it again, and reports a failure then.
            return null;
        }
    }

    private static async Task<ReplyImage> FetchImageAsync(Backend backend, ComfyFile file, CancellationToken cancellationToken)
    {
        await using var stream = await backend.Client.OpenFileAsync(file, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job #{JobId} finished without an image ({Skipped} output(s) skipped by ComfyUI); it ends as failed")]
    private partial void LogNoImage(long jobId, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The final reply of job #{JobId} was not delivered: {Outcome}")]
    private partial void LogFinalNotDelivered(long jobId, ReplyOutcome outcome);
}

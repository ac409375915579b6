using ComfyBot.Comfy.Http;
using ComfyBot.Core.Images;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Workflows;

namespace ComfyBot.Core.Progress;

/// <summary>
/// Composes a job's final reply: its text (from <see cref="ProgressView"/> and <see cref="ReplyTexts"/>), its images
/// fitted to the attachment limit, and its buttons. It never throws for an image it cannot use: that image is left
/// out and the reply says why, so nothing after the GPU's work can leave a reply without its final state.
/// </summary>
internal sealed class FinalReplyComposer(WorkflowCatalog workflows, long defaultByteLimit)
{
    /// <summary>
    /// The reply of a run ComfyUI finished: the images that could be read (with a note on the others), or, when none
    /// could, a failure naming why. <paramref name="problems"/> are images that could not even be fetched, and
    /// <paramref name="skipped"/> the outputs ComfyUI left out when it queued the prompt (a 200 with node_errors).
    /// </summary>
    /// <returns>The reply, and whether the job counts as succeeded (some image).</returns>
    public (ReplyState Reply, bool Succeeded) Success(
        Job job, IReadOnlyList<ReplyImage> images, IReadOnlyList<string> problems, TimeSpan elapsed, IReadOnlyList<SkippedOutput>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        skipped ??= [];
        if (images.Count == 0 && problems.Count == 0)
        {
            // Never "Done: 0 images": a run that made nothing is a failure the member can re-roll.
            return (ReplyState.Final(OutcomeNotes.NoImage(skipped), buttons: Buttons(job, JobState.Failed)), false);
        }

        var grid = workflows.TryGet(job.Workflow, out var definition) && definition.Grid;
        var limit = job.AttachmentByteLimit ?? defaultByteLimit;
        var (attached, note, unreadable) = Prepare(images, limit, grid);
        List<string> all = [.. problems, .. unreadable];
        var total = images.Count + problems.Count;
        if (all.Count > 0 && attached.Count == 0)
        {
            return (ReplyState.Final(ReplyTexts.NoImageReadable(all), buttons: Buttons(job, JobState.Failed)), false);
        }

        var text = ProgressView.Done(total - all.Count, job.Seed, elapsed);
        if (note is not null)
        {
            text += $"\n{note}";
        }

        if (all.Count > 0)
        {
            text += $"\n{ReplyTexts.SomeImagesUnreadable(all.Count, total, all)}";
        }

        if (OutcomeNotes.Skipped(skipped) is { } skippedNote)
        {
            text += $"\n{skippedNote}";
        }

        // Per-image buttons need the reply's images to be the job's outputs in order: one missing shifts the numbers.
        var numbered = all.Count == 0 ? images.Count : 0;
        if (numbered == 0 && attached.Count > 1)
        {
            text += "\nPer-image Upscale and Vary are off for this reply, since some images are missing; Re-roll or Edit still work.";
        }

        var hasGrid = grid && unreadable.Count == 0 && images.Count == ImageGrid.Count;
        return (ReplyState.Final(text, attached, Buttons(job, JobState.Succeeded)) with { Numbered = numbered, HasGrid = hasGrid }, true);
    }

    /// <summary>A final state without images (failed, cancelled, interrupted), with the buttons that state offers.</summary>
    public ReplyState Ended(Job job, JobState state, string text) => ReplyState.Final(text, buttons: Buttons(job, state));

    /// <summary>
    /// What a final reply offers: a result can be re-rolled, edited, inspected, deleted, and upscaled or varied when its
    /// workflow names those follow-ups; a failure can be re-rolled, edited, inspected and deleted; a cancelled or
    /// interrupted job only inspected.
    /// </summary>
    public ReplyButtons Buttons(Job job, JobState state)
    {
        ArgumentNullException.ThrowIfNull(job);
        switch (state)
        {
            case JobState.Succeeded:
                var buttons = ReplyButtons.Reroll | ReplyButtons.Details | ReplyButtons.Edit | ReplyButtons.Delete;
                if (workflows.TryGet(job.Workflow, out var definition))
                {
                    buttons |= definition.UpscaleWith is null ? ReplyButtons.None : ReplyButtons.Upscale;
                    buttons |= definition.VaryWith is null ? ReplyButtons.None : ReplyButtons.Vary;
                }

                return buttons;
            case JobState.Failed:
                return ReplyButtons.Reroll | ReplyButtons.Details | ReplyButtons.Edit | ReplyButtons.Delete;
            default:
                return ReplyButtons.Details;
        }
    }

    private static (IReadOnlyList<ReplyImage> Attached, string? Note, List<string> Unreadable) Prepare(IReadOnlyList<ReplyImage> images, long limit, bool grid)
    {
        try
        {
            var prepared = ReplyAttachments.Prepare(images, limit, grid);

            // Every image: the view puts the first group on the reply and sends the rest as followups.
            return ([.. prepared.Groups.SelectMany(g => g)], prepared.Note, []);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            // One bad image must not cost the others: each is prepared alone (no grid), and the bad ones are named.
        }

        List<ReplyImage> good = [];
        List<string> unreadable = [];
        foreach (var image in images)
        {
            try
            {
                ReplyAttachments.Prepare([image], limit);
                good.Add(image);
            }
            catch (Exception error) when (error is ArgumentException or InvalidOperationException)
            {
                unreadable.Add(Reason(image, error));
            }
        }

        if (good.Count == 0)
        {
            return ([], null, unreadable);
        }

        var fitted = ReplyAttachments.Prepare(good, limit);
        return ([.. fitted.Groups.SelectMany(g => g)], fitted.Note, unreadable);
    }

    private static string Reason(ReplyImage image, Exception error) => error switch
    {
        ArgumentException when error.Message.Contains("is not an image", StringComparison.Ordinal) =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'{image.FileName}' is not an image (the server sent {image.Content.Length} bytes of something else)"),
        ArgumentException => $"'{image.FileName}' could not be decoded",
        _ => $"'{image.FileName}' could not be fitted to the attachment limit",
    };
}

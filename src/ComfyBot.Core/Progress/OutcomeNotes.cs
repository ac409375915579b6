using System.Globalization;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Tracking;

namespace ComfyBot.Core.Progress;

/// <summary>
/// What a final reply says beyond "done": the outputs ComfyUI left out, and a run that made no image. The Discord
/// reply and the CLI use the same words.
/// </summary>
public static class OutcomeNotes
{
    /// <summary>How many images a success made: files on the server and images sent only over the WebSocket.</summary>
    public static int ImageCount(JobSucceeded succeeded)
    {
        ArgumentNullException.ThrowIfNull(succeeded);
        return succeeded.Outputs.Count(o => o.Kind == "images" && o.File.Type == "output") + succeeded.StreamedImages.Count;
    }

    /// <summary>The images a SaveImageWebsocket node sent, named by node and order, ready to attach.</summary>
    public static IEnumerable<ReplyImage> StreamedImages(JobSucceeded succeeded)
    {
        ArgumentNullException.ThrowIfNull(succeeded);
        return succeeded.StreamedImages.Select((image, index) => new ReplyImage(
            string.Create(CultureInfo.InvariantCulture, $"ComfyUI_ws_{image.NodeId}_{index + 1:00}{(image.MimeType == "image/jpeg" ? ".jpg" : ".png")}"),
            image.MimeType,
            image.Data));
    }

    /// <summary>The outputs ComfyUI did not run, one line each with its reason; null when it ran them all.</summary>
    public static string? Skipped(IReadOnlyList<SkippedOutput> skipped)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        if (skipped.Count == 0)
        {
            return null;
        }

        var head = skipped.Count == 1
            ? "⚠️ ComfyUI skipped 1 output of this workflow:"
            : string.Create(CultureInfo.InvariantCulture, $"⚠️ ComfyUI skipped {skipped.Count} outputs of this workflow:");
        return head + string.Concat(skipped.Select(s => $"\n- {s}"));
    }

    /// <summary>
    /// A run that ended without an image, told plainly: a refusal when ComfyUI dropped outputs, else what to check.
    /// </summary>
    public static string NoImage(JobSucceeded succeeded)
    {
        ArgumentNullException.ThrowIfNull(succeeded);
        return NoImage(succeeded.SkippedOutputs);
    }

    /// <summary>A run that ended without an image, given the outputs ComfyUI left out (none when it ran them all).</summary>
    public static string NoImage(IReadOnlyList<SkippedOutput> skipped)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        if (skipped.Count > 0)
        {
            return "❌ Refused: ComfyUI dropped every output that saves an image, so nothing was made." + string.Concat(skipped.Select(s => $"\n- {s}"));
        }

        return "❌ Finished without an image: the GPU server ran the workflow but reported no saved image. "
            + "The workflow must end in SaveImage or SaveImageWebsocket; an image sent over the WebSocket while the bot's connection was down is lost.";
    }
}

using ComfyBot.Comfy.Http;

namespace ComfyBot.Comfy.Tracking;

/// <summary>The job ran to the end.</summary>
/// <param name="PromptId">The job's prompt id.</param>
/// <param name="Outputs">Every output file (history's list when it was readable, else the executed events').</param>
public sealed record JobSucceeded(string PromptId, IReadOnlyList<OutputFile> Outputs) : JobOutcome(PromptId)
{
    /// <summary>
    /// How long the server ran the prompt, from /history's <c>execution_start</c> and <c>execution_success</c>
    /// timestamps; null when the outcome did not come from history or it had no timestamps. It is the only measure
    /// of a run nobody watched, e.g. one that finished while the caller was down.
    /// </summary>
    public TimeSpan? RunTime { get; init; }

    /// <summary>
    /// Output images that came only over the WebSocket (<c>SaveImageWebsocket</c>), in the order they arrived; they
    /// have no file on the server. Images sent while the event stream was down are missing here.
    /// </summary>
    public IReadOnlyList<StreamedImage> StreamedImages { get; init; } = [];

    /// <summary>Output nodes ComfyUI left out when it queued the prompt (a 200 with node_errors), with the reasons.</summary>
    public IReadOnlyList<SkippedOutput> SkippedOutputs { get; init; } = [];
}

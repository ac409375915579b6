namespace ComfyBot.Comfy.Tracking;

/// <summary>The job runs.</summary>
/// <param name="PromptId">The job's prompt id.</param>
/// <param name="NodeId">The node running now, when known.</param>
/// <param name="NodeTitle">That node's <c>_meta.title</c> in the submitted prompt, else its class_type, else its id.</param>
/// <param name="Step">Steps done in the node (0 before its first progress report).</param>
/// <param name="Steps">Steps in the node (0 when it reports none).</param>
/// <param name="Progress">Overall progress across the prompt's nodes, 0 to 1.</param>
/// <param name="Preview">The newest preview image, if any arrived.</param>
/// <param name="Outputs">Files the job has produced so far (from <c>executed</c> events), ready to fetch.</param>
public sealed record JobRunning(
    string PromptId,
    string? NodeId,
    string? NodeTitle,
    int Step,
    int Steps,
    double Progress,
    PreviewImage? Preview,
    IReadOnlyList<OutputFile> Outputs) : JobSnapshot(PromptId);

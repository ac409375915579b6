namespace ComfyBot.Comfy.Tracking;

/// <summary>The job ran to the end.</summary>
/// <param name="PromptId">The job's prompt id.</param>
/// <param name="Outputs">Every output file (history's list when it was readable, else the executed events').</param>
public sealed record JobSucceeded(string PromptId, IReadOnlyList<OutputFile> Outputs) : JobOutcome(PromptId);

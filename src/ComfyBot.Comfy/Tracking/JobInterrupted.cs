namespace ComfyBot.Comfy.Tracking;

/// <summary>The job was interrupted (POST /interrupt) before it finished.</summary>
/// <param name="PromptId">The job's prompt id.</param>
/// <param name="NodeId">The node that was running.</param>
/// <param name="ClassType">Its class_type.</param>
public sealed record JobInterrupted(string PromptId, string? NodeId, string? ClassType) : JobOutcome(PromptId);

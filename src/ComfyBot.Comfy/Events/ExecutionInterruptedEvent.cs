namespace ComfyBot.Comfy.Events;

/// <summary><c>execution_interrupted</c>: the prompt was stopped by POST /interrupt.</summary>
/// <param name="PromptId">The prompt.</param>
/// <param name="NodeId">The node that was running.</param>
/// <param name="NodeType">That node's class_type.</param>
/// <param name="Executed">Nodes that had finished before the interrupt.</param>
/// <param name="Timestamp">Server time in milliseconds since the epoch, when sent.</param>
public sealed record ExecutionInterruptedEvent(string PromptId, string? NodeId, string? NodeType, IReadOnlyList<string> Executed, long? Timestamp)
    : ComfyEvent(PromptId);

namespace ComfyBot.Comfy.Events;

/// <summary><c>execution_cached</c>: nodes whose results come from cache and will not get <c>executing</c>.</summary>
/// <param name="PromptId">The prompt.</param>
/// <param name="Nodes">Ids of the cached nodes (may be empty).</param>
/// <param name="Timestamp">Server time in milliseconds since the epoch, when sent.</param>
public sealed record ExecutionCachedEvent(string PromptId, IReadOnlyList<string> Nodes, long? Timestamp) : ComfyEvent(PromptId);

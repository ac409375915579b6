namespace ComfyBot.Comfy.Events;

/// <summary><c>progress_state</c>: a snapshot of every node of the prompt that has started.</summary>
/// <param name="PromptId">The prompt.</param>
/// <param name="Nodes">The started nodes, running or finished.</param>
public sealed record ProgressStateEvent(string PromptId, IReadOnlyList<NodeProgress> Nodes) : ComfyEvent(PromptId);

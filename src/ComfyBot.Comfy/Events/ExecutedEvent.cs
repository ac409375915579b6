namespace ComfyBot.Comfy.Events;

/// <summary><c>executed</c>: a node produced UI output (also sent, with the cached UI, for cached output nodes).</summary>
/// <param name="PromptId">The prompt.</param>
/// <param name="NodeId">The node.</param>
/// <param name="DisplayNodeId">The node to show in a UI, when sent.</param>
/// <param name="Files">The files listed in the output (images, gifs, audio ...), in order.</param>
/// <param name="OutputJson">The raw <c>output</c> object, or null when the node had no UI.</param>
public sealed record ExecutedEvent(string PromptId, string NodeId, string? DisplayNodeId, IReadOnlyList<OutputFile> Files, string? OutputJson)
    : ComfyEvent(PromptId);

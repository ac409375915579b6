namespace ComfyBot.Comfy.Events;

/// <summary><c>progress</c>: step <see cref="Value"/> of <see cref="Max"/> in the running node.</summary>
/// <param name="PromptId">The prompt, when the server says (servers since 2024-01 do).</param>
/// <param name="NodeId">The node, when the server says.</param>
/// <param name="Value">Steps done.</param>
/// <param name="Max">Steps in total.</param>
public sealed record ProgressEvent(string? PromptId, string? NodeId, int Value, int Max) : ComfyEvent(PromptId);

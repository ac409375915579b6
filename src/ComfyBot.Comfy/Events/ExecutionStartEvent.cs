namespace ComfyBot.Comfy.Events;

/// <summary><c>execution_start</c>: the worker picked the prompt up.</summary>
/// <param name="PromptId">The prompt that started.</param>
/// <param name="Timestamp">Server time in milliseconds since the epoch, when sent.</param>
public sealed record ExecutionStartEvent(string PromptId, long? Timestamp) : ComfyEvent(PromptId);

namespace ComfyBot.Comfy.Events;

/// <summary><c>execution_success</c>: the prompt ran to the end. History may not be written yet.</summary>
/// <param name="PromptId">The prompt.</param>
/// <param name="Timestamp">Server time in milliseconds since the epoch, when sent.</param>
public sealed record ExecutionSuccessEvent(string PromptId, long? Timestamp) : ComfyEvent(PromptId);

namespace ComfyBot.Comfy.Events;

/// <summary>One message from the ComfyUI event stream (a JSON text frame or a binary frame).</summary>
/// <param name="PromptId">The prompt the message belongs to, when it names or implies one; otherwise null.</param>
public abstract record ComfyEvent(string? PromptId);

namespace ComfyBot.Comfy.Http;

/// <summary>One prompt in GET /queue.</summary>
/// <param name="Number">Its priority; lower runs first.</param>
/// <param name="PromptId">Its id.</param>
/// <param name="ClientId">The client id it was submitted with, if any.</param>
public sealed record QueueItem(double Number, string PromptId, string? ClientId);

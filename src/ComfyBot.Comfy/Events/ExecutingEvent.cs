namespace ComfyBot.Comfy.Events;

/// <summary>
/// <c>executing</c>: a node started; with a null <see cref="NodeId"/> the prompt finished (the last message of a
/// run). Right after a reconnect the server sends a form with a node and no prompt id.
/// </summary>
/// <param name="PromptId">The prompt; null in the reconnect form.</param>
/// <param name="NodeId">The node that started, or null when the prompt finished.</param>
/// <param name="DisplayNodeId">The node to show in a UI, when sent.</param>
public sealed record ExecutingEvent(string? PromptId, string? NodeId, string? DisplayNodeId) : ComfyEvent(PromptId)
{
    /// <summary>True for <c>executing{node:null, prompt_id}</c>: the prompt is done, whatever its outcome.</summary>
    public bool IsPromptFinished => NodeId is null && PromptId is not null;
}

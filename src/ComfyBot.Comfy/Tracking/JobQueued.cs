namespace ComfyBot.Comfy.Tracking;

/// <summary>The job waits in the queue.</summary>
/// <param name="PromptId">The job's prompt id.</param>
/// <param name="Position">1-based place among pending prompts, in the order the server will run them.</param>
/// <param name="Ahead">Prompts that will run before it, the running one included.</param>
public sealed record JobQueued(string PromptId, int Position, int Ahead) : JobSnapshot(PromptId);

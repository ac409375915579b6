namespace ComfyBot.Comfy.Tracking;

/// <summary>
/// The server knows nothing of the job: it is in neither /queue nor /history. Either it was deleted from the
/// queue (by anyone) or the server restarted. The server cannot tell these apart; a caller that deleted the
/// job itself knows it was cancelled.
/// </summary>
/// <param name="PromptId">The job's prompt id.</param>
/// <param name="Reason">What the tracker saw.</param>
public sealed record JobLost(string PromptId, string Reason) : JobOutcome(PromptId);

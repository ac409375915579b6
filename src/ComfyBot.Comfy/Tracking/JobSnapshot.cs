namespace ComfyBot.Comfy.Tracking;

/// <summary>Where a tracked job stands now: <see cref="JobQueued"/> or <see cref="JobRunning"/>.</summary>
/// <param name="PromptId">The job's prompt id.</param>
public abstract record JobSnapshot(string PromptId);

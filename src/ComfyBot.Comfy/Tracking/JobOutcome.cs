namespace ComfyBot.Comfy.Tracking;

/// <summary>
/// How a tracked job ended, exactly once: <see cref="JobSucceeded"/>, <see cref="JobFailed"/>,
/// <see cref="JobInterrupted"/> or <see cref="JobLost"/>.
/// </summary>
/// <param name="PromptId">The job's prompt id.</param>
public abstract record JobOutcome(string PromptId);

namespace ComfyBot.Core.Scheduling;

/// <summary>What a backend is busy with, as the <see cref="EtaEstimator"/> needs it.</summary>
/// <param name="Backend">The backend's name.</param>
/// <param name="InFlight">Prompts on that ComfyUI's queue (running plus pending), ours and anyone else's.</param>
/// <param name="RunningSince">When the prompt executing there now started, if known; otherwise it counts as half done.</param>
public sealed record BackendActivity(string Backend, int InFlight, DateTimeOffset? RunningSince = null);

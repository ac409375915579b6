namespace ComfyBot.Core.Scheduling;

/// <summary>Recent durations on one backend, for the admin backends listing.</summary>
/// <param name="Backend">The backend's name.</param>
/// <param name="Samples">How many finished jobs the figures come from (at most the window size).</param>
/// <param name="MeanRun">Mean execution time, or null without samples.</param>
/// <param name="MeanWait">Mean wait before execution, or null without samples.</param>
public sealed record BackendStats(string Backend, int Samples, TimeSpan? MeanRun, TimeSpan? MeanWait);

namespace ComfyBot.Core.Backends;

/// <summary>Jobs a backend finished, as reported by the caller through <see cref="BackendMonitor.RecordFinished"/>.</summary>
/// <param name="JobsDone">Every job finished since the bot started.</param>
/// <param name="JobsLastHour">Jobs finished in the last hour.</param>
/// <param name="MeanDurationLastHour">Their mean running time; null when none finished in the last hour.</param>
public readonly record struct BackendThroughput(long JobsDone, int JobsLastHour, TimeSpan? MeanDurationLastHour);

namespace ComfyBot.Core.Scheduling;

/// <summary>A waiting job and its 1-based place in the order the scheduler would hand jobs out.</summary>
public readonly record struct QueuePosition(int Position, QueuedJob Job);

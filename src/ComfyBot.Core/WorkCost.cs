using System.Diagnostics;

namespace ComfyBot.Core;

/// <summary>
/// How often one kind of work ran and the time it took in all, for the load harnesses to print per job (issue 15:
/// store and scheduler costs must stay flat as the queue and the history grow). A stopwatch rather than the
/// <see cref="TimeProvider"/>: this measures what the work cost on this machine, not a time rule, and a fake clock
/// would read zero. Two counters and no lock, so keeping it costs nothing measurable.
/// </summary>
internal sealed class WorkCost
{
    private long _count;
    private long _ticks;

    /// <summary>One piece of work that began at <paramref name="startedAt"/> (<see cref="Stopwatch.GetTimestamp"/>) has ended now.</summary>
    public void Add(long startedAt)
    {
        var ticks = Stopwatch.GetTimestamp() - startedAt;
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _ticks, ticks);
    }

    /// <summary>The pieces of work so far and the time they took together.</summary>
    public (long Count, TimeSpan Spent) Read() =>
        (Interlocked.Read(ref _count), TimeSpan.FromSeconds(Interlocked.Read(ref _ticks) / (double)Stopwatch.Frequency));
}

namespace ComfyBot.Core.Scheduling;

/// <summary>The last N durations in a ring, with a running sum so the mean costs nothing.</summary>
internal sealed class DurationWindow(int size)
{
    private readonly long[] _ticks = new long[size];
    private int _next;
    private long _sum;

    public int Count { get; private set; }

    public TimeSpan? Mean => Count == 0 ? null : TimeSpan.FromTicks(_sum / Count);

    public void Add(TimeSpan duration)
    {
        var ticks = Math.Max(0, duration.Ticks);
        if (Count == _ticks.Length)
        {
            _sum -= _ticks[_next];
        }
        else
        {
            Count++;
        }

        _ticks[_next] = ticks;
        _sum += ticks;
        _next = (_next + 1) % _ticks.Length;
    }
}

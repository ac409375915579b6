namespace ComfyBot.Core.Backends;

/// <summary>Durations of the jobs finished in the last hour, trimmed as it is read or written.</summary>
internal sealed class BackendThroughputWindow
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset At, TimeSpan Duration)> _recent = new();
    private long _done;
    private TimeSpan _sum;

    public void Record(DateTimeOffset at, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        lock (_gate)
        {
            _done++;
            _recent.Enqueue((at, duration));
            _sum += duration;
            Trim(at);
        }
    }

    public BackendThroughput Read(DateTimeOffset now)
    {
        lock (_gate)
        {
            Trim(now);
            var count = _recent.Count;
            return new BackendThroughput(_done, count, count == 0 ? null : _sum / count);
        }
    }

    private void Trim(DateTimeOffset now)
    {
        while (_recent.TryPeek(out var oldest) && now - oldest.At > Window)
        {
            _recent.Dequeue();
            _sum -= oldest.Duration;
        }
    }
}

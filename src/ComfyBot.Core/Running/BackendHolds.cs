namespace ComfyBot.Core.Running;

/// <summary>
/// The dispatcher's offline holds and their retry timing: a backend that refused a job (its event stream did not
/// connect, its submit failed) takes no job for <c>Jobs:OfflineRetryDelay</c>, and one timer wakes the dispatcher when
/// the earliest hold ends. Thread-safe; time comes from the <see cref="TimeProvider"/> alone, so the rules run on a
/// fake clock.
/// </summary>
internal sealed class BackendHolds(TimeProvider time, TimeSpan retryDelay, Action wake) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);
    private ITimer? _timer;
    private DateTimeOffset _wakeAt = DateTimeOffset.MinValue;

    /// <summary>Holds <paramref name="backend"/> for the retry delay from now and arms the wake for its end.</summary>
    /// <returns>When the hold ends.</returns>
    public DateTimeOffset Hold(string backend)
    {
        lock (_gate)
        {
            var until = time.GetUtcNow() + retryDelay;
            _until[backend] = until;
            WakeAtLocked(until);
            return until;
        }
    }

    /// <summary>Ends the hold of a backend that answers again (the monitor saw it come back).</summary>
    public void Release(string backend)
    {
        lock (_gate)
        {
            _until.Remove(backend);
        }
    }

    /// <summary>
    /// Whether <paramref name="backend"/> is held now. Each call that finds it held arms the wake again, because a
    /// timer can fire a little before the clock reads its time (timers and the wall clock are different clocks): a
    /// wake that finds the hold still in place must not be the last one, or a kept job waits for a monitor event that
    /// may never come.
    /// </summary>
    public bool IsHeld(string backend)
    {
        lock (_gate)
        {
            if (_until.TryGetValue(backend, out var until) && until > time.GetUtcNow())
            {
                WakeAtLocked(until);
                return true;
            }

            return false;
        }
    }

    /// <summary>Stops the wake timer.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    // One timer serves every hold: it is moved only to an earlier time, or re-armed once it has fired.
    private void WakeAtLocked(DateTimeOffset at)
    {
        var now = time.GetUtcNow();
        if (_wakeAt > now && _wakeAt <= at)
        {
            return;
        }

        _wakeAt = at;
        _timer ??= time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(TimeSpan.FromTicks(Math.Max((at - now).Ticks, TimeSpan.TicksPerMillisecond)), Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        // Nothing is armed now; the round this wakes arms the timer again for every backend still held.
        lock (_gate)
        {
            _wakeAt = DateTimeOffset.MinValue;
        }

        wake();
    }
}

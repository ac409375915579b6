using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Testing;

/// <summary>
/// A FakeTimeProvider that reports each timer the code under test starts, so a test moves the clock exactly when
/// that code is parked on a delay, and by exactly that delay, instead of sleeping or guessing. Timers started with
/// an infinite due time (not running yet) are not reported.
/// </summary>
public sealed class TimerWatchingClock : FakeTimeProvider
{
    /// <summary>How long the waiting methods wait, in real time, for a timer before they fail.</summary>
    public static readonly TimeSpan HangGuard = TestGuards.HangGuard;

    private readonly Channel<(TimeSpan DueTime, DateTimeOffset DueAt)> _timers = Channel.CreateUnbounded<(TimeSpan, DateTimeOffset)>();

    /// <summary>A clock at FakeTimeProvider's own start (2000-01-01).</summary>
    public TimerWatchingClock()
    {
    }

    /// <summary>A clock at <paramref name="start"/>.</summary>
    public TimerWatchingClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Whether a timer was started and not yet taken by one of the waiting methods.</summary>
    public bool HasPendingTimer => _timers.Reader.TryPeek(out _);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Writer.TryWrite((dueTime, GetUtcNow() + dueTime));
        }

        return timer;
    }

    /// <summary>Waits (hang guard: <see cref="HangGuard"/>) for the next timer started and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var guard = new CancellationTokenSource(HangGuard);
        return (await _timers.Reader.ReadAsync(guard.Token)).DueTime;
    }

    /// <summary>When the next timer started will fire; no hang guard here, for callers that race it against their work.</summary>
    public async Task<DateTimeOffset> NextTimerDueAtAsync() => (await _timers.Reader.ReadAsync()).DueAt;

    /// <summary>Waits until a timer of exactly <paramref name="dueTime"/> has been started, skipping others.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while ((await _timers.Reader.ReadAsync(guard.Token)).DueTime != dueTime)
        {
        }
    }

    /// <summary>Waits for a timer of <paramref name="dueTime"/>, then advances the clock by it.</summary>
    public async Task AdvanceWhenWaitingAsync(TimeSpan dueTime)
    {
        await WaitForTimerAsync(dueTime);
        Advance(dueTime);
    }

    /// <summary>Forgets the timers reported so far (e.g. those of a finished step).</summary>
    public void ForgetTimers()
    {
        while (_timers.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Runs <paramref name="work"/>, moving the clock to each timer it parks on; returns how far the clock moved.</summary>
    public async Task<(T Result, TimeSpan Waited)> RunAsync<T>(Func<Task<T>> work, TimeSpan hangGuard)
    {
        ArgumentNullException.ThrowIfNull(work);
        var start = GetUtcNow();
        var task = work();
        using var guard = new CancellationTokenSource(hangGuard);
        while (!task.IsCompleted)
        {
            var next = _timers.Reader.ReadAsync(guard.Token).AsTask();
            if (await Task.WhenAny(task, next) == next)
            {
                var due = (await next).DueAt - GetUtcNow();
                if (due > TimeSpan.Zero)
                {
                    Advance(due);
                }
            }
        }

        return (await task, GetUtcNow() - start);
    }
}

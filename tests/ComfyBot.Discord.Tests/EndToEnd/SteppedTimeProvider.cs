using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Discord.Tests.EndToEnd;

/// <summary>
/// A FakeTimeProvider that reports each timer it creates, so a test moves the clock exactly when the code under
/// test is parked on a delay, and by exactly that delay, instead of sleeping or guessing.
/// </summary>
internal sealed class SteppedTimeProvider : FakeTimeProvider
{
    private readonly Channel<DateTimeOffset> _timers = Channel.CreateUnbounded<DateTimeOffset>();

    public SteppedTimeProvider()
        : base(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Writer.TryWrite(GetUtcNow() + dueTime);
        }

        return timer;
    }

    /// <summary>When the next timer created will fire (no hang guard here: callers race it against their work).</summary>
    public Task<DateTimeOffset> NextTimerAsync() => _timers.Reader.ReadAsync().AsTask();

    /// <summary>Forgets timers reported so far (e.g. those of a finished step).</summary>
    public void ForgetTimers()
    {
        while (_timers.Reader.TryRead(out _))
        {
        }
    }
}

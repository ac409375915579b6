using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Discord.Tests.EndToEnd;

/// <summary>
/// A FakeTimeProvider that reports each timer it creates, so a test moves the clock exactly when the code under
/// test is parked on a delay, and by exactly that delay, instead of sleeping or guessing.
/// </summary>
internal sealed class SteppedTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public SteppedTimeProvider()
        : base(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer created (no hang guard here: callers race it against their work).</summary>
    public Task<TimeSpan> NextTimerAsync() => _timers.Reader.ReadAsync().AsTask();

    /// <summary>Forgets timers reported so far (e.g. those of a finished step).</summary>
    public void ForgetTimers()
    {
        while (_timers.Reader.TryRead(out _))
        {
        }
    }
}

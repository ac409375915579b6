using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Simulator.Tests.Support;

/// <summary>A FakeTimeProvider that signals each timer it creates, so a test advances time only once the
/// simulator is actually waiting (no race between Advance and the wait starting).</summary>
internal sealed class SignallingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _created.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Waits for the next timer the simulator starts and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await _created.Reader.ReadAsync(timeout.Token);
    }
}

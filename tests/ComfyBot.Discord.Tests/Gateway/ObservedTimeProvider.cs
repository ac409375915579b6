using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Discord.Tests.Gateway;

/// <summary>
/// A FakeTimeProvider that reports every timer created, so a test can wait until the code under test is
/// really waiting for a given delay before it advances the clock (no sleeps, no races).
/// </summary>
internal sealed class ObservedTimeProvider : FakeTimeProvider
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public ObservedTimeProvider()
        : base(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until a timer with exactly <paramref name="dueTime"/> has been created (skipping others).</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            var created = await _timers.Reader.ReadAsync(guard.Token);
            if (created == dueTime)
            {
                return;
            }
        }
    }

    /// <summary>Waits for a timer of <paramref name="dueTime"/>, then advances the clock by it.</summary>
    public async Task AdvanceWhenWaitingAsync(TimeSpan dueTime)
    {
        await WaitForTimerAsync(dueTime);
        Advance(dueTime);
    }
}

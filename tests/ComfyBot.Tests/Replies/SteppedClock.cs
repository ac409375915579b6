using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Tests.Replies;

/// <summary>
/// A FakeTimeProvider that reports when each timer it creates is due, so a test moves the clock exactly when the
/// code under test parks on a delay (e.g. the REST client waiting out a rate limit), instead of sleeping or guessing.
/// </summary>
internal sealed class SteppedClock : FakeTimeProvider
{
    private readonly Channel<DateTimeOffset> _timers = Channel.CreateUnbounded<DateTimeOffset>();

    public SteppedClock(DateTimeOffset start)
        : base(start)
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

    /// <summary>Runs <paramref name="work"/>, moving the clock to each timer it parks on; returns how far the clock moved.</summary>
    public async Task<(T Result, TimeSpan Waited)> RunAsync<T>(Func<Task<T>> work, TimeSpan hangGuard)
    {
        var start = GetUtcNow();
        var task = work();
        using var guard = new CancellationTokenSource(hangGuard);
        while (!task.IsCompleted)
        {
            var next = _timers.Reader.ReadAsync(guard.Token).AsTask();
            if (await Task.WhenAny(task, next) == next)
            {
                var due = await next - GetUtcNow();
                if (due > TimeSpan.Zero)
                {
                    Advance(due);
                }
            }
        }

        return (await task, GetUtcNow() - start);
    }
}

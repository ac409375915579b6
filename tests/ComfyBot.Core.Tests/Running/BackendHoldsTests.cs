using ComfyBot.Core.Running;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Running;

/// <summary>The dispatcher's offline holds and retry timing, on a fake clock with no server at all.</summary>
public sealed class BackendHoldsTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_refusing_backend_is_held_for_the_retry_delay_and_the_dispatcher_is_woken_at_its_end()
    {
        var time = new FakeTimeProvider();
        var wakes = 0;
        using var holds = new BackendHolds(time, Delay, () => wakes++);

        Assert.Equal(time.GetUtcNow() + Delay, holds.Hold("gpu-1"));
        Assert.True(holds.IsHeld("gpu-1"));
        Assert.False(holds.IsHeld("gpu-2"));

        time.Advance(Delay - TimeSpan.FromSeconds(1));
        Assert.Equal(0, wakes);
        Assert.True(holds.IsHeld("gpu-1"));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, wakes);
        Assert.False(holds.IsHeld("gpu-1"));
    }

    [Fact]
    public void One_timer_wakes_at_the_earliest_hold_and_again_for_a_later_one_still_held()
    {
        var time = new FakeTimeProvider();
        var wakes = 0;
        using var holds = new BackendHolds(time, Delay, () => wakes++);
        holds.Hold("gpu-1");
        time.Advance(TimeSpan.FromSeconds(10));
        holds.Hold("gpu-2");

        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, wakes);
        Assert.False(holds.IsHeld("gpu-1"));

        // The round the wake ran found gpu-2 still held, which arms the timer for its end.
        Assert.True(holds.IsHeld("gpu-2"));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, wakes);
        Assert.False(holds.IsHeld("gpu-2"));
    }

    [Fact]
    public void A_wake_that_comes_early_is_not_the_last_one()
    {
        // The timer fires, but the clock the hold is read on lags behind: the hold still stands.
        var time = new FakeTimeProvider();
        var wakes = 0;
        using var holds = new BackendHolds(time, Delay, () => wakes++);
        holds.Hold("gpu-1");
        time.Advance(Delay - TimeSpan.FromMilliseconds(1));
        time.AdjustTime(time.GetUtcNow() - TimeSpan.FromSeconds(5));

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, wakes);
        Assert.True(holds.IsHeld("gpu-1"));

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, wakes);
        Assert.False(holds.IsHeld("gpu-1"));
    }

    [Fact]
    public void A_backend_that_comes_back_is_released_at_once()
    {
        var time = new FakeTimeProvider();
        using var holds = new BackendHolds(time, Delay, () => { });
        holds.Hold("gpu-1");

        holds.Release("gpu-1");

        Assert.False(holds.IsHeld("gpu-1"));
    }
}

using ComfyBot.Comfy.Streaming;
using ComfyBot.Testing;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Comfy.Tests.Streaming;

public sealed class ConnectionStateTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(8);
    private readonly TimerWatchingClock _time = new();

    [Fact]
    public async Task BackoffAsync_NotCutShort_WaitsTheDelayOut()
    {
        var state = new ConnectionState(_time);
        var wait = state.BackoffAsync(Delay, CancellationToken.None);
        await _time.AdvanceWhenWaitingAsync(Delay);
        Assert.True(await wait.WaitAsync(HangGuard));
    }

    [Fact]
    public async Task CutShortBackoff_DuringTheWait_EndsItAtOnce()
    {
        var state = new ConnectionState(_time);
        var wait = state.BackoffAsync(Delay, CancellationToken.None);
        await _time.WaitForTimerAsync(Delay);
        state.CutShortBackoff();
        Assert.False(await wait.WaitAsync(HangGuard));
    }

    [Fact]
    public async Task CutShortBackoff_BeforeTheWait_SkipsTheNextWaitOnly()
    {
        var state = new ConnectionState(_time);
        state.CutShortBackoff();
        Assert.False(await state.BackoffAsync(Delay, CancellationToken.None).WaitAsync(HangGuard));
        Assert.False(_time.HasPendingTimer);

        var next = state.BackoffAsync(Delay, CancellationToken.None);
        await _time.AdvanceWhenWaitingAsync(Delay);
        Assert.True(await next.WaitAsync(HangGuard));
    }

    [Fact]
    public async Task CutShortBackoff_WhileOpen_DoesNothing_AndOpenForgetsAnEarlierAsk()
    {
        var state = new ConnectionState(_time);
        state.CutShortBackoff();
        state.Open().TrySetResult();
        state.CutShortBackoff();
        Assert.True(state.Lost());

        var wait = state.BackoffAsync(Delay, CancellationToken.None);
        await _time.AdvanceWhenWaitingAsync(Delay);
        Assert.True(await wait.WaitAsync(HangGuard));
    }

    [Fact]
    public async Task Opened_FollowsTheConnection_AndEndCancelsItsWaiters()
    {
        var state = new ConnectionState(_time);
        var first = state.Opened;
        Assert.False(state.Lost());
        Assert.False(first.IsCompleted);

        state.Open().TrySetResult();
        await first.WaitAsync(HangGuard);
        Assert.True(state.IsOpen);
        Assert.True(state.Lost());
        Assert.False(state.IsOpen);

        var next = state.Opened;
        Assert.False(next.IsCompleted);
        state.End();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(HangGuard));
    }
}

using ComfyBot.Comfy.Events;
using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tracking;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Comfy.Tests.Tracking;

public sealed class PromptEventsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TimerWatchingClock _time = new();
    private readonly ComfyEventSubscription _subscription = new("p", _ => { });

    private PromptEvents Events() => new(_subscription, "p", _time, NullLogger.Instance);

    [Fact]
    public async Task NextAsync_EventWaiting_IsReturnedWithoutATimer()
    {
        var item = new ExecutionStartEvent("p", null);
        _subscription.Offer(item);
        Assert.Same(item, await Events().NextAsync(Patience, CancellationToken.None).WaitAsync(HangGuard));
        Assert.False(_time.HasPendingTimer);
    }

    [Fact]
    public async Task NextAsync_NothingWithinThePatience_IsNull()
    {
        var next = Events().NextAsync(Patience, CancellationToken.None);
        await _time.AdvanceWhenWaitingAsync(Patience);
        Assert.Null(await next.WaitAsync(HangGuard));
    }

    [Fact]
    public async Task NextAsync_AfterTheStreamEnded_WaitsThePatienceOutEachTime()
    {
        var events = Events();
        _subscription.Complete();
        Assert.Null(await events.NextAsync(Patience, CancellationToken.None).WaitAsync(HangGuard));
        _time.ForgetTimers();

        var next = events.NextAsync(Patience, CancellationToken.None);
        Assert.Equal(Patience, await _time.NextTimerAsync());
        Assert.False(next.IsCompleted);
        _time.Advance(Patience);
        Assert.Null(await next.WaitAsync(HangGuard));
    }
}

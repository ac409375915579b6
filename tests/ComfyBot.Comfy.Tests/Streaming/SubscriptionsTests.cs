using ComfyBot.Comfy.Events;
using ComfyBot.Comfy.Streaming;

namespace ComfyBot.Comfy.Tests.Streaming;

public sealed class SubscriptionsTests
{
    [Fact]
    public void Publish_ReachesEachSubscription_ThatWantsTheEvent()
    {
        var subscriptions = new Subscriptions();
        using var all = subscriptions.Add(null);
        using var mine = subscriptions.Add("p1");
        subscriptions.Publish(new ExecutionStartEvent("p2", 1));
        subscriptions.Publish(new StatusEvent(1, null));

        Assert.Equal(2, all.Reader.Count);
        Assert.True(mine.Reader.TryRead(out var status));
        Assert.IsType<StatusEvent>(status);
        Assert.False(mine.Reader.TryRead(out _));
    }

    [Fact]
    public void Dispose_RemovesTheSubscription()
    {
        var subscriptions = new Subscriptions();
        var gone = subscriptions.Add(null);
        gone.Dispose();
        subscriptions.Publish(new StatusEvent(1, null));

        Assert.Empty(subscriptions.Close());
        Assert.True(gone.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void Close_TakesEveryoneOut_AndCompletesLaterSubscriptionsAtOnce()
    {
        var subscriptions = new Subscriptions();
        var early = subscriptions.Add(null);
        var taken = Assert.Single(subscriptions.Close());
        subscriptions.Publish(new StatusEvent(1, null));
        var late = subscriptions.Add(null);

        Assert.Same(early, taken);
        Assert.Equal(0, early.Reader.Count);
        Assert.False(early.Reader.Completion.IsCompleted);
        Assert.True(late.Reader.Completion.IsCompleted);
    }
}

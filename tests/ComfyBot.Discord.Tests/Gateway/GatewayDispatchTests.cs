using System.Text;
using System.Threading.Channels;
using ComfyBot.Discord.Gateway;

namespace ComfyBot.Discord.Tests.Gateway;

public sealed class GatewayDispatchTests
{
    [Fact]
    public async Task Dispatches_ReachEverySubscriber_InOrder_WithEventNameAndData()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        var events = new RecordingHandler();
        gateway.Client.Subscribe(events);

        await gateway.IdentifyAsync(readySequence: 1);
        gateway.Transport.Push(GatewayFrames.GuildCreate(2));
        gateway.Transport.Push("""{"op":0,"s":3,"t":"CHANNEL_UPDATE","d":{"id":"1"}}""");

        var ready = await events.NextAsync();
        var guild = await events.NextAsync();
        var other = await events.NextAsync();
        Assert.Equal((GatewayEventNames.Ready, 1), (ready.EventName, ready.Sequence));
        Assert.Equal((GatewayEventNames.GuildCreate, 2), (guild.EventName, guild.Sequence));
        Assert.Contains("\"name\":\"Lighthouse\"", Encoding.UTF8.GetString(guild.Data.Span), StringComparison.Ordinal);
        Assert.Equal("CHANNEL_UPDATE", other.EventName);
        Assert.Equal("""{"id":"1"}""", Encoding.UTF8.GetString(other.Data.Span));
    }

    [Fact]
    public async Task SlowHandler_DelaysNeitherHeartbeatsNorOtherHandlers()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        var release = new TaskCompletionSource();
        var stuck = new StuckHandler(release.Task);
        var events = new RecordingHandler();
        gateway.Client.Subscribe(stuck);
        gateway.Client.Subscribe(events);

        await gateway.IdentifyAsync(readySequence: 1);
        await stuck.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        // The stuck handler still holds READY; the receive loop and the heartbeats go on regardless.
        await gateway.Transport.PushAndWaitHandledAsync(GatewayFrames.GuildCreate(2));
        gateway.Transport.Push(GatewayFrames.HeartbeatRequest);
        var heartbeat = await gateway.Transport.NextSentAsync();
        Assert.Equal(1, heartbeat.GetProperty("op").GetInt32());
        Assert.Equal(2, heartbeat.GetProperty("d").GetInt32());
        await gateway.Time.AdvanceWhenWaitingAsync(GatewayHarness.FirstBeat(0.5));
        Assert.Equal(1, (await gateway.Transport.NextSentAsync()).GetProperty("op").GetInt32());
        Assert.Equal(GatewayEventNames.Ready, (await events.NextAsync()).EventName);
        Assert.Equal(GatewayEventNames.GuildCreate, (await events.NextAsync()).EventName);
        release.SetResult();
    }

    private sealed class RecordingHandler : IGatewayDispatchHandler
    {
        private readonly Channel<GatewayDispatch> _received = Channel.CreateUnbounded<GatewayDispatch>();

        public ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
        {
            _received.Writer.TryWrite(dispatch);
            return ValueTask.CompletedTask;
        }

        public async Task<GatewayDispatch> NextAsync() => await _received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class StuckHandler(Task release) : IGatewayDispatchHandler
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public async ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await release.WaitAsync(cancellationToken);
        }
    }
}

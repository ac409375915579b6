using System.Text;
using ComfyBot.Discord.Gateway;
using ComfyBot.Testing;

namespace ComfyBot.Discord.Tests.Gateway;

public sealed class GatewaySenderTests
{
    [Fact]
    public async Task LimitedSends_Wait_WhileHeartbeatsStillPass_ThenResumeAfterWindow()
    {
        var time = new TimerWatchingClock(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));
        var transport = new ScriptedGatewayTransport();
        var sender = new GatewaySender(transport, new GatewaySendLimiter(time), time);
        using var stop = new CancellationTokenSource();
        for (var i = 0; i < 115; i++)
        {
            sender.Enqueue(Encoding.UTF8.GetBytes($$"""{"op":3,"d":{{i}}}"""));
        }

        var running = sender.RunAsync(stop.Token);
        for (var i = 0; i < 110; i++)
        {
            Assert.Equal(i, (await transport.NextSentAsync()).GetProperty("d").GetInt32());
        }

        // The 111th ordinary send waits for the window; a heartbeat queued now goes first.
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(60));
        sender.EnqueueHeartbeat(GatewayPayloads.Heartbeat(42));
        var heartbeat = await transport.NextSentAsync();
        Assert.Equal(1, heartbeat.GetProperty("op").GetInt32());
        Assert.False(transport.TryReadSent(out _));

        // The sender went back to waiting for the window; let it pass.
        await time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(60));
        for (var i = 110; i < 115; i++)
        {
            Assert.Equal(i, (await transport.NextSentAsync()).GetProperty("d").GetInt32());
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public void Enqueue_PayloadOver4096Bytes_IsRefusedWithSize()
    {
        var sender = new GatewaySender(new ScriptedGatewayTransport(), new GatewaySendLimiter(TimeProvider.System), TimeProvider.System);

        var error = Assert.Throws<ArgumentException>(() => sender.Enqueue(new byte[4097]));

        Assert.Contains("4097", error.Message, StringComparison.Ordinal);
    }
}

using ComfyBot.Discord.Gateway;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Discord.Tests.Gateway;

public sealed class GatewayHeartbeatTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Beats_CarryLatestSequence_UnacknowledgedBeat_CancelsConnectionAsZombie()
    {
        var time = new TimerWatchingClock(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var transport = new ScriptedGatewayTransport();
        var sender = new GatewaySender(transport, new GatewaySendLimiter(time), time);
        using var connection = new CancellationTokenSource();
        var sequence = 7;
        var heartbeat = new GatewayHeartbeat(sender, connection, shardId: 0, () => sequence, () => 0.5, time, NullLogger.Instance);
        var sending = sender.RunAsync(connection.Token);

        // The first beat comes after the jittered part of the interval (here half of it).
        heartbeat.Start(Interval);
        await time.AdvanceWhenWaitingAsync(Interval / 2);
        var first = await transport.NextSentAsync();
        Assert.Equal(1, first.GetProperty("op").GetInt32());
        Assert.Equal(7, first.GetProperty("d").GetInt32());

        heartbeat.Acknowledge();
        sequence = 9;
        await time.AdvanceWhenWaitingAsync(Interval);
        Assert.Equal(9, (await transport.NextSentAsync()).GetProperty("d").GetInt32());
        Assert.False(heartbeat.Zombie);

        // No ACK before the next beat is due: no beat goes out, and the connection is cancelled as a zombie.
        await time.AdvanceWhenWaitingAsync(Interval);
        await heartbeat.Running.WaitAsync(TestGuards.HangGuard);
        Assert.True(heartbeat.Zombie);
        Assert.True(connection.IsCancellationRequested);
        await SenderEndedAsync(sending);
        Assert.False(transport.TryReadSent(out _));
    }

    [Fact]
    public async Task BeatNow_SendsAtOnce_WithoutWaitingForTheInterval()
    {
        var transport = new ScriptedGatewayTransport();
        var sender = new GatewaySender(transport, new GatewaySendLimiter(TimeProvider.System), TimeProvider.System);
        using var connection = new CancellationTokenSource();
        var heartbeat = new GatewayHeartbeat(sender, connection, shardId: 0, () => null, () => 0.5, TimeProvider.System, NullLogger.Instance);
        var sending = sender.RunAsync(connection.Token);

        heartbeat.BeatNow();

        var beat = await transport.NextSentAsync();
        Assert.Equal(1, beat.GetProperty("op").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, beat.GetProperty("d").ValueKind);
        Assert.False(heartbeat.Zombie);
        await connection.CancelAsync();
        await SenderEndedAsync(sending);
    }

    // The sender returns or throws the cancellation, depending on where the cancellation finds it; either way it ends.
    private static async Task SenderEndedAsync(Task sending)
    {
        var error = await Record.ExceptionAsync(() => sending.WaitAsync(TestGuards.HangGuard));
        Assert.True(error is null or OperationCanceledException, error?.ToString());
    }
}

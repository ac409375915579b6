using ComfyBot.Discord.Gateway;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace ComfyBot.Discord.Tests.Gateway;

public sealed class GatewayIdentifyGateTests
{
    [Fact]
    public async Task Shards_IdentifyInBucketsOfMaxConcurrency_OneBucketPerFiveSeconds()
    {
        var time = new TimerWatchingClock(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));
        var gate = new GatewayIdentifyGate(new GatewayBotCache(Mock.Of<IGatewayBotSource>()), new SessionStartLimit(1000, 1000, 0, 2), time, NullLogger.Instance);

        var shard0 = gate.WaitAsync(0, CancellationToken.None);
        var shard1 = gate.WaitAsync(1, CancellationToken.None);
        var shard2 = gate.WaitAsync(2, CancellationToken.None);
        var shard3 = gate.WaitAsync(3, CancellationToken.None);
        var shard4 = gate.WaitAsync(4, CancellationToken.None);

        Assert.True(shard0.IsCompletedSuccessfully);
        Assert.True(shard1.IsCompletedSuccessfully);
        Assert.False(shard2.IsCompleted);
        Assert.False(shard3.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        await Task.WhenAll(shard2, shard3).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(shard4.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        await shard4.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task NoSessionStartsRemaining_WaitsResetAfter_ThenAsksAgain()
    {
        var time = new TimerWatchingClock(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));
        var source = new Mock<IGatewayBotSource>();
        source.Setup(s => s.GetGatewayBotAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GatewayBotInfo("wss://gateway.discord.gg", 1, new SessionStartLimit(1000, 1000, 86_400_000, 1)));
        var gate = new GatewayIdentifyGate(new GatewayBotCache(source.Object), new SessionStartLimit(1000, 0, 30_000, 1), time, NullLogger.Instance);

        var waiting = gate.WaitAsync(0, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(waiting.IsCompleted);
        source.Verify(s => s.GetGatewayBotAsync(It.IsAny<CancellationToken>()), Times.Never);

        time.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        source.Verify(s => s.GetGatewayBotAsync(It.IsAny<CancellationToken>()), Times.Once);
    }
}

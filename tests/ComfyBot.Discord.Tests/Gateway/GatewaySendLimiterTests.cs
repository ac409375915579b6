using ComfyBot.Discord.Gateway;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Discord.Tests.Gateway;

public sealed class GatewaySendLimiterTests
{
    [Fact]
    public void OrdinarySends_StopShortOfLimit_ToKeepRoomForHeartbeats()
    {
        var time = new FakeTimeProvider();
        var limiter = new GatewaySendLimiter(time);
        for (var i = 0; i < 110; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TimeUntilAllowed(heartbeat: false));
            limiter.Record();
        }

        Assert.Equal(TimeSpan.FromSeconds(60), limiter.TimeUntilAllowed(heartbeat: false));
        Assert.Equal(TimeSpan.Zero, limiter.TimeUntilAllowed(heartbeat: true));
    }

    [Fact]
    public void Send121_InOneMinute_WaitsUntilOldestLeavesWindow()
    {
        var time = new FakeTimeProvider();
        var limiter = new GatewaySendLimiter(time);
        limiter.Record();
        time.Advance(TimeSpan.FromSeconds(10));
        for (var i = 1; i < 120; i++)
        {
            limiter.Record();
        }

        Assert.Equal(TimeSpan.FromSeconds(50), limiter.TimeUntilAllowed(heartbeat: true));
        time.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(TimeSpan.Zero, limiter.TimeUntilAllowed(heartbeat: true));
    }
}

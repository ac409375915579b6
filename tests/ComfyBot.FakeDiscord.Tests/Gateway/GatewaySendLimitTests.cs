using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.FakeDiscord.Tests.Gateway;

public sealed class GatewaySendLimitTests
{
    [Fact]
    public async Task MoreThan120PayloadsIn60Seconds_ClosesWith4008_ButSpreadOutTheyAreFine()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = time });
        await using var gateway = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        await gateway.NextAsync();

        for (var i = 0; i < 120; i++)
        {
            await gateway.SendAsync(1, null);
        }

        await fake.Gateway.WaitForAsync(g => g.HeartbeatCount == 120);
        time.Advance(TimeSpan.FromSeconds(60));
        await gateway.SendAsync(1, null);
        await fake.Gateway.WaitForAsync(g => g.HeartbeatCount == 121);
        Assert.Empty(fake.Gateway.ServerCloseCodes);

        for (var i = 0; i < 120; i++)
        {
            await gateway.SendAsync(1, null);
        }

        Assert.Equal(4008, await gateway.ReadUntilClosedAsync());
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.FakeDiscord.Tests.Gateway;

/// <summary>Where the gateway is as strict as Discord: heartbeats, IDENTIFY's fields, transport compression.</summary>
public sealed class GatewayStrictnessTests
{
    [Fact]
    public async Task ZlibStream_CompressesEveryFrame_InOneContext_WithSyncFlush()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var gateway = await TestGatewayClient.ConnectAsync(fake.GatewayUrl, "?v=10&encoding=json&compress=zlib-stream");
        var ready = await gateway.HandshakeAsync(fake.BotToken);
        Assert.Equal(fake.BotUser.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ready["d"]!["user"]!["id"]!.GetValue<string>());
        await gateway.NextDispatchAsync("GUILD_CREATE");
        await gateway.SendAsync(1, null);
        Assert.Equal(11, (await gateway.NextAsync())["op"]!.GetValue<int>());

        // HELLO, READY, GUILD_CREATE, ACK: all binary, only the first starts a zlib stream (header 0x78), the later
        // ones inflate only with the context the earlier ones built.
        Assert.Equal(4, gateway.BinaryFrames.Count);
        Assert.Equal(0x78, gateway.BinaryFrames[0][0]);
        Assert.All(gateway.BinaryFrames.Skip(1), f => Assert.NotEqual(0x78, f[0]));
        Assert.Equal(1, fake.Gateway.CompressedConnectionCount);
    }

    [Fact]
    public async Task WithoutCompress_FramesStayPlainText()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var gateway = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        await gateway.HandshakeAsync(fake.BotToken);
        Assert.Empty(gateway.BinaryFrames);
        Assert.Equal(0, fake.Gateway.CompressedConnectionCount);
    }

    [Fact]
    public async Task UnsupportedCompression_IsClosedWith4002_SayingWhatWorks()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var gateway = await TestGatewayClient.ConnectAsync(fake.GatewayUrl, "?v=10&encoding=json&compress=zstd-stream");
        Assert.Equal(4002, await gateway.ReadUntilClosedAsync());
        Assert.Contains("zlib-stream", gateway.CloseDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionThatStopsHeartbeating_IsClosedWith4009_AndItsSessionEnds()
    {
        var heartbeatClock = new FakeTimeProvider();
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions
        {
            HeartbeatInterval = TimeSpan.FromSeconds(40),
            HeartbeatTimeProvider = heartbeatClock,
        });
        await using var gateway = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        await gateway.HandshakeAsync(fake.BotToken);

        // A heartbeat pushes the deadline back: 50 s after HELLO, 20 s after the heartbeat, it is still open.
        heartbeatClock.Advance(TimeSpan.FromSeconds(30));
        await gateway.SendAsync(1, 1);
        await gateway.NextOpAsync(11);
        heartbeatClock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, fake.Gateway.HeartbeatTimeouts);
        await gateway.SendAsync(1, 1);
        await gateway.NextOpAsync(11);

        heartbeatClock.Advance(TimeSpan.FromSeconds(60)); // 1.5 × the interval since the last heartbeat
        Assert.Equal(4009, await gateway.ReadUntilClosedAsync());
        Assert.Equal(1, fake.Gateway.HeartbeatTimeouts);
        Assert.Contains(4009, fake.Gateway.ServerCloseCodes);
    }

    [Theory]
    [InlineData("""{"os":"linux","browser":"x"}""", "device")]
    [InlineData("null", "properties")]
    [InlineData("""{"os":"linux","browser":"x","device":7}""", "device")]
    public async Task IdentifyWithoutItsRequiredProperties_IsClosedWith4002(string properties, string named)
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var gateway = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        await gateway.NextAsync();
        var d = new JsonObject { ["token"] = fake.BotToken, ["intents"] = 1, ["properties"] = JsonNode.Parse(properties) };
        await gateway.SendAsync(2, d);
        Assert.Equal(4002, await gateway.ReadUntilClosedAsync());
        Assert.Contains(named, gateway.CloseDescription, StringComparison.Ordinal);
        Assert.Equal(0, fake.Gateway.IdentifyCount);
    }
}

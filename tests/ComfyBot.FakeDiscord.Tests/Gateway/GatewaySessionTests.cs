using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace ComfyBot.FakeDiscord.Tests.Gateway;

public sealed class GatewaySessionTests
{
    [Fact]
    public async Task BadToken_ClosesWith4004()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var gateway = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        await gateway.NextAsync();
        await gateway.IdentifyAsync("not-the-token");
        Assert.Equal(4004, await gateway.ReadUntilClosedAsync());
        Assert.Equal([4004], fake.Gateway.ServerCloseCodes);
    }

    [Fact]
    public async Task CompressZlibStream_StillGetsPlainTextJson()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var gateway = await TestGatewayClient.ConnectAsync(fake.GatewayUrl, "?v=10&encoding=json&compress=zlib-stream");
        var ready = await gateway.HandshakeAsync(fake.BotToken);
        Assert.Equal(10, ready["d"]!["v"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(1 << 1, 4014)] // GUILD_MEMBERS is privileged and not enabled
    [InlineData(1 << 30, 4013)] // not an intent
    public async Task BadIntents_AreRefusedWithTheirCloseCode(int intents, int expected)
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var gateway = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        await gateway.NextAsync();
        await gateway.IdentifyAsync(fake.BotToken, intents);
        Assert.Equal(expected, await gateway.ReadUntilClosedAsync());
    }

    [Fact]
    public async Task InvalidShard_ClosesWith4010_AndAValidShardIsEchoedInReady()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using (var bad = await TestGatewayClient.ConnectAsync(fake.GatewayUrl))
        {
            await bad.NextAsync();
            await bad.IdentifyAsync(fake.BotToken, shard: new JsonArray(1, 1));
            Assert.Equal(4010, await bad.ReadUntilClosedAsync());
        }

        await using var good = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        await good.NextAsync();
        await good.IdentifyAsync(fake.BotToken, shard: new JsonArray(0, 1));
        var ready = await good.NextDispatchAsync("READY");
        Assert.Equal([0, 1], ready["d"]!["shard"]!.AsArray().Select(n => n!.GetValue<int>()));
    }

    [Theory]
    [InlineData("""{"op":2,"d":{"token":"TOKEN","intents":1,"shard":[{},1]}}""")]
    [InlineData("""{"op":"2"}""")]
    [InlineData("not json")]
    public async Task MalformedPayloads_CloseWith4002(string frame)
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new Uri(fake.GatewayUrl + "?v=10&encoding=json"), CancellationToken.None);
        var bytes = System.Text.Encoding.UTF8.GetBytes(frame.Replace("TOKEN", fake.BotToken, StringComparison.Ordinal));
        await socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[4096];
        using var guard = new CancellationTokenSource(TestGatewayClient.HangGuard);
        while ((await socket.ReceiveAsync(buffer, guard.Token)).MessageType != WebSocketMessageType.Close)
        {
        }

        Assert.Equal(4002, (int?)socket.CloseStatus);
    }

    [Fact]
    public async Task UnknownOpcode_ClosesWith4001_AndDispatchBeforeIdentify_With4003()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using (var gateway = await TestGatewayClient.ConnectAsync(fake.GatewayUrl))
        {
            await gateway.NextAsync();
            await gateway.SendAsync(99, null);
            Assert.Equal(4001, await gateway.ReadUntilClosedAsync());
        }

        await using var early = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        await early.NextAsync();
        await early.SendAsync(3, new JsonObject { ["status"] = "online" });
        Assert.Equal(4003, await early.ReadUntilClosedAsync());
    }

    [Fact]
    public async Task Resume_ReplaysMissedDispatches_ThenResumed()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        string sessionId;
        int seq;
        await using (var first = await TestGatewayClient.ConnectAsync(fake.GatewayUrl))
        {
            var ready = await first.HandshakeAsync(fake.BotToken);
            sessionId = ready["d"]!["session_id"]!.GetValue<string>();
            seq = (await first.NextDispatchAsync("GUILD_CREATE"))["s"]!.GetValue<int>();
            fake.Gateway.DropConnections();
            await fake.Gateway.WaitForAsync(g => g.LiveConnectionCount == 0);
        }

        // Happens while the bot is away: kept on the session for the RESUME.
        var missed = fake.CreateSlashCommand("imagine");
        Assert.True(missed.IsDispatched);

        await using var second = await TestGatewayClient.ConnectAsync(fake.ResumeGatewayUrl);
        await second.NextAsync();
        await second.SendAsync(6, new JsonObject { ["token"] = fake.BotToken, ["session_id"] = sessionId, ["seq"] = seq });
        var replayed = await second.NextAsync();
        Assert.Equal("INTERACTION_CREATE", replayed["t"]!.GetValue<string>());
        Assert.Equal(seq + 1, replayed["s"]!.GetValue<int>());
        Assert.Equal(missed.Id.ToString(), replayed["d"]!["id"]!.GetValue<string>());
        var resumed = await second.NextAsync();
        Assert.Equal("RESUMED", resumed["t"]!.GetValue<string>());
        Assert.Equal(seq + 2, resumed["s"]!.GetValue<int>());
        Assert.Equal(1, fake.Gateway.ResumeCount);
        Assert.Equal(1, fake.Gateway.IdentifyCount);

        // And live dispatch continues on the resumed connection.
        fake.CreateSlashCommand("imagine");
        Assert.Equal(seq + 3, (await second.NextDispatchAsync("INTERACTION_CREATE"))["s"]!.GetValue<int>());
    }

    [Fact]
    public async Task Resume_WithASequenceAheadOfTheSession_ClosesWith4007()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var first = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        var sessionId = (await first.HandshakeAsync(fake.BotToken))["d"]!["session_id"]!.GetValue<string>();
        fake.Gateway.DropConnections();

        await using var second = await TestGatewayClient.ConnectAsync(fake.ResumeGatewayUrl);
        await second.NextAsync();
        await second.SendAsync(6, new JsonObject { ["token"] = fake.BotToken, ["session_id"] = sessionId, ["seq"] = 99 });
        Assert.Equal(4007, await second.ReadUntilClosedAsync());
    }

    [Fact]
    public async Task Resume_WithUnknownSession_GetsInvalidSessionFalse()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var gateway = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        await gateway.NextAsync();
        await gateway.SendAsync(6, new JsonObject { ["token"] = fake.BotToken, ["session_id"] = "nope", ["seq"] = 3 });
        var invalid = await gateway.NextAsync();
        Assert.Equal(9, invalid["op"]!.GetValue<int>());
        Assert.False(invalid["d"]!.GetValue<bool>());

        // The client may then IDENTIFY on the same socket.
        await gateway.IdentifyAsync(fake.BotToken);
        Assert.Equal("READY", (await gateway.NextDispatchAsync("READY"))["t"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resume_AfterClientClosedWith1000_IsRefused()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        string sessionId;
        await using (var first = await TestGatewayClient.ConnectAsync(fake.GatewayUrl))
        {
            sessionId = (await first.HandshakeAsync(fake.BotToken))["d"]!["session_id"]!.GetValue<string>();
            await first.CloseAsync(WebSocketCloseStatus.NormalClosure);
        }

        await fake.Gateway.WaitForAsync(g => g.LiveConnectionCount == 0);
        await using var second = await TestGatewayClient.ConnectAsync(fake.ResumeGatewayUrl);
        await second.NextAsync();
        await second.SendAsync(6, new JsonObject { ["token"] = fake.BotToken, ["session_id"] = sessionId, ["seq"] = 1 });
        var invalid = await second.NextAsync();
        Assert.Equal(9, invalid["op"]!.GetValue<int>());
        Assert.Equal([1000], fake.Gateway.ClientCloseCodes.Select(c => c ?? 0));
    }
}

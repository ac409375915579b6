using System.Text.Json.Nodes;

namespace ComfyBot.FakeDiscord.Tests.Gateway;

public sealed class GatewayFaultTests
{
    private static async Task<(FakeDiscordServer Fake, TestGatewayClient Gateway)> ConnectedAsync()
    {
        var fake = await FakeDiscordServer.StartAsync();
        var gateway = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        await gateway.HandshakeAsync(fake.BotToken);
        await gateway.NextDispatchAsync("GUILD_CREATE");
        await fake.Gateway.WaitForReadyAsync();
        return (fake, gateway);
    }

    [Fact]
    public async Task Reconnect_SendsOp7()
    {
        var (fake, gateway) = await ConnectedAsync();
        await using (fake)
        await using (gateway)
        {
            fake.Gateway.SendReconnect();
            var frame = await gateway.NextAsync();
            Assert.Equal(7, frame["op"]!.GetValue<int>());
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InvalidSession_SendsOp9_AndOnlyAResumableOneCanBeResumed(bool resumable)
    {
        var (fake, gateway) = await ConnectedAsync();
        await using (fake)
        await using (gateway)
        {
            var sessionId = Assert.Single(fake.Gateway.SessionIds);
            fake.Gateway.InvalidateSession(resumable);
            var frame = await gateway.NextAsync();
            Assert.Equal(9, frame["op"]!.GetValue<int>());
            Assert.Equal(resumable, frame["d"]!.GetValue<bool>());

            fake.Gateway.DropConnections();
            await using var again = await TestGatewayClient.ConnectAsync(fake.ResumeGatewayUrl);
            await again.NextAsync();
            await again.SendAsync(6, new JsonObject { ["token"] = fake.BotToken, ["session_id"] = sessionId, ["seq"] = 2 });
            var answer = await again.NextAsync();
            Assert.Equal(resumable ? "RESUMED" : null, answer["t"]?.GetValue<string>());
            Assert.Equal(resumable ? 0 : 9, answer["op"]!.GetValue<int>());
        }
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4009)]
    [InlineData(1001)]
    public async Task Close_UsesTheScriptedCode(int code)
    {
        var (fake, gateway) = await ConnectedAsync();
        await using (fake)
        await using (gateway)
        {
            fake.Gateway.Close(code, "scripted");
            Assert.Equal(code, await gateway.ReadUntilClosedAsync());
            Assert.Equal("scripted", gateway.CloseDescription);
        }
    }

    [Fact]
    public async Task SilencedHeartbeats_GetNoAck_UntilUnsilenced()
    {
        var (fake, gateway) = await ConnectedAsync();
        await using (fake)
        await using (gateway)
        {
            fake.Gateway.HeartbeatAcksSilenced = true;
            await gateway.SendAsync(1, 2);
            await fake.Gateway.WaitForAsync(g => g.HeartbeatCount == 1);

            // Had the heartbeat been acknowledged, its op 11 would be queued before this op 1.
            fake.Gateway.RequestHeartbeat();
            Assert.Equal(1, (await gateway.NextAsync())["op"]!.GetValue<int>());

            fake.Gateway.HeartbeatAcksSilenced = false;
            await gateway.SendAsync(1, 2);
            Assert.Equal(11, (await gateway.NextAsync())["op"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task DropConnections_EndsTheSocketWithoutACloseFrame()
    {
        var (fake, gateway) = await ConnectedAsync();
        await using (fake)
        await using (gateway)
        {
            fake.Gateway.DropConnections();
            var ended = await Record.ExceptionAsync(async () => await gateway.ReadUntilClosedAsync());
            Assert.True(ended is System.Net.WebSockets.WebSocketException || gateway.CloseStatus is null, $"expected an abrupt end, got {gateway.CloseStatus}");
            await fake.Gateway.WaitForAsync(g => g.LiveConnectionCount == 0);
            Assert.Empty(fake.Gateway.ServerCloseCodes);
        }
    }

    [Fact]
    public async Task RefusingConnections_Answers503ToTheUpgrade_UntilLifted()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        fake.Gateway.RefusingConnections = true;

        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => TestGatewayClient.ConnectAsync(fake.GatewayUrl));

        Assert.Contains("503", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, fake.Gateway.ConnectionCount);
        fake.Gateway.RefusingConnections = false;
        await using var gateway = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        await gateway.HandshakeAsync(fake.BotToken);
        await fake.Gateway.WaitForReadyAsync();
    }

    [Fact]
    public void Faults_WithoutAConnection_SayWhatToDo()
    {
        var error = Assert.ThrowsAny<InvalidOperationException>(() =>
        {
            var fake = FakeDiscordServer.StartAsync().GetAwaiter().GetResult();
            try
            {
                fake.Gateway.SendReconnect();
            }
            finally
            {
                fake.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        });
        Assert.Contains("WaitForReadyAsync", error.Message, StringComparison.Ordinal);
    }
}

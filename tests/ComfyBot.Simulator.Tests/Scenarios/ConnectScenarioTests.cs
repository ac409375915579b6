using System.Text.Json.Nodes;
using ComfyBot.Simulator.Sockets;
using ComfyBot.Simulator.Tests.Support;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>01_connect: what arrives on connect for each kind of client, and the feature_flags first-frame rule.</summary>
public sealed class ConnectScenarioTests
{
    [Fact]
    public async Task Connect_EachKindOfClient_GetsRecordedFrames()
    {
        await using var sim = await Comfy.StartAsync();
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        await using var b = await SimSocket.ConnectAsync(sim, "B", metadata: true);
        await using var anon = await SimSocket.ConnectAsync(sim, clientId: null);
        await anon.SendTextAsync("this is not json");
        await anon.SendTextAsync("{\"type\": \"feature_flags\", \"data\": {\"supports_preview_metadata\": true}}");
        await anon.WaitForAsync(r => r.Is("feature_flags"));
        await using var z = await SimSocket.ConnectAsync(sim, "Z", path: "/api/ws");

        Recorded.AssertSequence("01_connect", "A#1", a.Messages);
        Recorded.AssertSequence("01_connect", "B#1", b.Messages);
        Recorded.AssertSequence("01_connect", "anon#1", anon.Messages);
        Recorded.AssertShapes([.. a.Messages, .. b.Messages, .. anon.Messages, .. z.Messages]);
        Assert.Equal("A", a.Messages[0].Data!["sid"]!.ToString());
        Assert.Matches("^[0-9a-f]{32}$", anon.Messages[0].Data!["sid"]!.ToString());
        Assert.Equal("Z", z.Messages[0].Data!["sid"]!.ToString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{\"supports_preview_metadata\":true,\"max_upload_size\":104857600}"), b.Messages[1].Data));
    }

    [Fact]
    public async Task FeatureFlags_OnlyAsFirstParsedFrame()
    {
        await using var sim = await Comfy.StartAsync();
        var runtime = sim.Runtime;
        await using var connection = new ClientConnection("Z", new System.Net.WebSockets.ClientWebSocket());
        var flags = "{\"type\": \"feature_flags\", \"data\": {\"supports_preview_metadata\": true}}"u8.ToArray();

        // Invalid JSON does not count as the first message (recorded); a valid other message does.
        Assert.True(WebSocketEndpoint.HandleText("not json"u8.ToArray(), firstMessage: true, connection, runtime));
        Assert.False(WebSocketEndpoint.HandleText("{\"type\": \"hello\", \"data\": {}}"u8.ToArray(), firstMessage: true, connection, runtime));
        Assert.False(WebSocketEndpoint.HandleText(flags, firstMessage: false, connection, runtime));
        Assert.False(connection.SupportsPreviewMetadata);
        Assert.False(WebSocketEndpoint.HandleText(flags, firstMessage: true, connection, runtime));
        Assert.True(connection.SupportsPreviewMetadata);
    }

    [Fact]
    public async Task Socket_WithoutMetadata_AfterHello_GetsNoFeatureFlagsReply()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var z = await SimSocket.ConnectAsync(sim, "Z");
        await z.SendTextAsync("{\"type\": \"hello\", \"data\": {}}");
        await z.SendTextAsync("{\"type\": \"feature_flags\", \"data\": {\"supports_preview_metadata\": true}}");
        await z.SendTextAsync("{\"type\": \"feature_flags\", \"data\": {\"supports_preview_metadata\": true}}");

        // Socket frames are handled in order, so a prompt of Z's own shows whether the flags took effect.
        var id = await Comfy.QueueAsync(http, Comfy.Workflow("txt2img"), "Z");
        await z.WaitForDoneAsync(id);
        Assert.DoesNotContain(z.Messages, r => r.Is("feature_flags"));
        Assert.Contains(z.Messages, r => r.BinaryEvent == 1);
        Assert.DoesNotContain(z.Messages, r => r.BinaryEvent == 4);
    }
}

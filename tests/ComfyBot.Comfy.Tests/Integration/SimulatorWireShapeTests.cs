using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using ComfyBot.Comfy.Events;
using ComfyBot.Simulator;
using ComfyBot.Testing;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Comfy.Tests.Integration;

/// <summary>
/// The simulator's frames are in the exact shape ComfyUI sends (Python's <c>json.dumps</c>), so every test that runs a
/// job on the simulator goes through the parser's fast path as a real server's frames do, not only the reader.
/// </summary>
public sealed class SimulatorWireShapeTests
{
    [Fact]
    public async Task EveryFrameOfAJob_TakesTheFastPath_AsTheRecordedFramesOfARealServerDo()
    {
        await using var sim = await ComfySimulator.StartAsync(new SimulatorOptions { StepsPerSecond = 0 });
        using var socket = new ClientWebSocket();
        using var guard = new CancellationTokenSource(HangGuard);
        await socket.ConnectAsync(new Uri($"ws://{sim.BaseAddress.Authority}/ws?clientId=wire"), guard.Token);
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        var workflow = JsonNode.Parse(RepositoryFixtures.ReadText("comfy", "workflows", "txt2img.json"))!;
        var body = new JsonObject { ["prompt"] = workflow, ["client_id"] = "wire" }.ToJsonString();
        using var submitted = await http.PostAsync("/prompt", new StringContent(body, Encoding.UTF8, "application/json"), guard.Token);
        submitted.EnsureSuccessStatusCode();
        var promptId = JsonNode.Parse(await submitted.Content.ReadAsStringAsync(guard.Token))!["prompt_id"]!.ToString();

        var seen = new HashSet<string>();
        var buffer = new byte[1 << 20];
        while (true)
        {
            var frame = await ReceiveAsync(socket, buffer, guard.Token);
            if (frame is null)
            {
                continue;
            }

            var message = JsonNode.Parse(frame)!;
            var type = message["type"]!.ToString();
            seen.Add(type);
            Assert.True(new FixedShapeReader(new JsonFields()).TryRead(frame) is not null, $"off ComfyUI's shape: {Encoding.UTF8.GetString(frame)}");
            if (type == "executing" && message["data"]!["node"] is null && message["data"]!["prompt_id"]!.ToString() == promptId)
            {
                break;
            }
        }

        Assert.Superset(new HashSet<string> { "status", "execution_start", "execution_cached", "executing", "progress", "executed", "execution_success" }, seen);
    }

    /// <summary>One whole text frame, or null for a binary one (previews).</summary>
    private static async Task<byte[]?> ReceiveAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancel)
    {
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancel);
            length += result.Count;
            if (result.EndOfMessage)
            {
                return result.MessageType == WebSocketMessageType.Text ? buffer[..length] : null;
            }
        }
    }
}

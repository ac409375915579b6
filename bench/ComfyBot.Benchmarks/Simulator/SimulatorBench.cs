using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ComfyBot.Simulator;
using ComfyBot.Simulator.Images;
using ComfyBot.Simulator.Validation;
using ComfyBot.Testing;

namespace ComfyBot.Benchmarks.Simulator;

/// <summary>
/// How much load one in-process simulator takes: validating a prompt, rendering a picture, and a whole
/// prompt round trip (POST /prompt, then every WebSocket frame up to executing{node:null}) at speed 0.
/// </summary>
[MemoryDiagnoser]
public class SimulatorBench
{
    private readonly NodeCatalog _catalog = NodeCatalog.LoadEmbedded();
    private JsonObject _txt2img = [];
    private ComfySimulator? _simulator;
    private HttpClient? _http;
    private ClientWebSocket? _socket;
    private int _tag;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _txt2img = (JsonObject)JsonNode.Parse(RepositoryFixtures.ReadText("comfy", "workflows", "txt2img.json"))!;
        _simulator = await ComfySimulator.StartAsync(new SimulatorOptions());
        _http = new HttpClient { BaseAddress = _simulator.BaseAddress };
        _socket = new ClientWebSocket();
        await _socket.ConnectAsync(new Uri(_simulator.WebSocketAddress + "?clientId=bench"), CancellationToken.None);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _socket?.Dispose();
        _http?.Dispose();
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }

    [Benchmark]
    public bool ValidateTxt2Img() =>
        new PromptValidator(_catalog, _ => true).Validate((JsonObject)_txt2img.DeepClone(), null).IsValid;

    [Benchmark]
    public int RenderPng512() => ImageRenderer.RenderPng(512, 512, 42, 0).Length;

    [Benchmark]
    public int RenderPreviewJpeg() => ImageRenderer.RenderPreviewJpeg(512, 512, 42, 3, 8).Length;

    /// <summary>A 20-step TraceSleep without previews: the protocol path alone.</summary>
    [Benchmark]
    public Task<int> RoundTripTraceSleep20Steps() => RoundTripAsync(new JsonObject
    {
        ["1"] = new JsonObject
        {
            ["class_type"] = "TraceSleep",
            ["inputs"] = new JsonObject { ["seconds"] = 1.0, ["steps"] = 20, ["preview"] = false, ["tag"] = "t" },
        },
    });

    /// <summary>The recorded txt2img (8 steps, previews, two 256x256 PNGs saved, one preview set) with a fresh seed.</summary>
    [Benchmark]
    public Task<int> RoundTripTxt2Img() => RoundTripAsync((JsonObject)_txt2img.DeepClone());

    private async Task<int> RoundTripAsync(JsonObject prompt)
    {
        // A new tag or seed each time, so nothing is served from cache.
        var tag = Interlocked.Increment(ref _tag);
        if (prompt["3"] is JsonObject sampler)
        {
            sampler["inputs"]!["seed"] = tag;
        }
        else
        {
            prompt["1"]!["inputs"]!["tag"] = "t" + tag;
        }

        var body = new JsonObject { ["prompt"] = prompt, ["client_id"] = "bench" }.ToJsonString();
        using var response = await _http!.PostAsync("/prompt", new StringContent(body, Encoding.UTF8, "application/json"));
        var promptId = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["prompt_id"]!.ToString();
        var frames = 0;
        var buffer = new byte[256 * 1024];
        var done = "\"node\":null,\"prompt_id\":\"" + promptId + "\"";
        while (true)
        {
            var result = await _socket!.ReceiveAsync(buffer, CancellationToken.None);
            frames++;
            if (result.MessageType == WebSocketMessageType.Text && result.EndOfMessage
                && Encoding.UTF8.GetString(buffer, 0, result.Count).Contains(done, StringComparison.Ordinal))
            {
                return frames;
            }
        }
    }
}

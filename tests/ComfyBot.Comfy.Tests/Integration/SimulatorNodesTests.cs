using System.Text.Json.Nodes;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tracking;
using ComfyBot.Simulator;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Comfy.Tests.Integration;

/// <summary>
/// Workflows the real ComfyUI 0.3.64 runs, run through the client against the simulator: each ends in an outcome, never
/// in a prompt that vanishes or a job that is lost.
/// </summary>
public sealed class SimulatorNodesTests : IAsyncLifetime
{

    private ComfySimulator _sim = null!;
    private HttpClient _http = null!;
    private ComfyClient _client = null!;
    private ComfyEventStream _events = null!;
    private JobTracker _tracker = null!;

    public async Task InitializeAsync()
    {
        _sim = await ComfySimulator.StartAsync(new SimulatorOptions { StepsPerSecond = 0 });
        _http = new HttpClient { BaseAddress = _sim.BaseAddress };
        _client = new ComfyClient(_http, new ComfyClientOptions(), TimeProvider.System, NullLogger<ComfyClient>.Instance);
        _events = new ComfyEventStream(_sim.BaseAddress, "nodes", new ComfyEventStreamOptions(), TimeProvider.System, NullLogger<ComfyEventStream>.Instance);
        await _events.StartAsync().WaitAsync(HangGuard);
        _tracker = new JobTracker(_client, _events, new JobTrackerOptions { HistoryRetryDelay = TimeSpan.FromMilliseconds(50), WatchdogInterval = TimeSpan.FromSeconds(2), QueuePollInterval = TimeSpan.Zero }, TimeProvider.System, NullLogger<JobTracker>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _events.DisposeAsync();
        _http.Dispose();
        await _sim.DisposeAsync();
    }

    private async Task<JobOutcome> RunAsync(JsonObject prompt)
    {
        await using var job = await _tracker.SubmitAsync(new PromptRequest(prompt));
        return await job.Outcome.WaitAsync(HangGuard);
    }

    /// <summary>A shipped template, pointed at the simulator's checkpoint and an uploaded input.</summary>
    private static JsonObject Shipped(string file, string input) => JsonNode.Parse(
        File.ReadAllText(Path.Combine(RepositoryFixtures.RootDirectory, "templates", file))
            .Replace("v1-5-pruned-emaonly.safetensors", "trace_sd15_random.safetensors", StringComparison.Ordinal)
            .Replace("example.png", input, StringComparison.Ordinal))!.AsObject();

    [Fact]
    public async Task Upscale2xThenImg2ImgOnTheSameInput_BothSucceed()
    {
        await using var png = File.OpenRead(RepositoryFixtures.FixturePath("comfy", "traces", "files", "view_txt2img_output.png"));
        var input = await _client.UploadImageAsync(png, "fox.png");

        var upscale = await RunAsync(Shipped("upscale-2x.json", input.Filename));
        var img2img = await RunAsync(Shipped("img2img.json", input.Filename));

        Assert.True(upscale is JobSucceeded { Outputs.Count: > 0 }, upscale.ToString());
        Assert.True(img2img is JobSucceeded { Outputs.Count: > 0 }, img2img.ToString());
    }

    [Fact]
    public async Task EmptyImage_IsSavedAtItsSize()
    {
        var outcome = await RunAsync(JsonNode.Parse("""
            {
              "1": {"class_type": "EmptyImage", "inputs": {"width": 96, "height": 64, "batch_size": 2, "color": 255}},
              "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "empty"}}
            }
            """)!.AsObject());

        var success = Assert.IsType<JobSucceeded>(outcome);
        Assert.Equal(2, success.Outputs.Count);
        using var file = new MemoryStream();
        await _client.DownloadFileAsync(success.Outputs[0].File, file);
        // The PNG's IHDR: width and height, big-endian, at bytes 16 and 20.
        var bytes = file.ToArray();
        Assert.Equal((96, 64), (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
    }

    [Fact]
    public async Task EmptyImage_IsSavedAsAnRgbPngOfItsSolidColour_AsTheRealServerSavesIt()
    {
        // Seen on ComfyUI 0.3.64 (RealComfyParityTests): an IMAGE is saved as an RGB PNG (colour type 2, no alpha), and
        // EmptyImage's is its colour, 0xRRGGBB, all over.
        var outcome = await RunAsync(JsonNode.Parse("""
            {
              "1": {"class_type": "EmptyImage", "inputs": {"width": 24, "height": 16, "batch_size": 1, "color": 16744448}},
              "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "solid"}}
            }
            """)!.AsObject());

        var success = Assert.IsType<JobSucceeded>(outcome);
        using var file = new MemoryStream();
        await _client.DownloadFileAsync(Assert.Single(success.Outputs).File, file);
        var bytes = file.ToArray();
        Assert.Equal(2, bytes[25]);
        using var bitmap = SkiaSharp.SKBitmap.Decode(bytes);
        Assert.All(Enumerable.Range(0, 24 * 16), i => Assert.Equal(new SkiaSharp.SKColor(0xFF, 0x80, 0x00), bitmap.GetPixel(i % 24, i / 24)));
    }

    [Fact]
    public async Task ImageAddNoise_RunsToTheEnd()
    {
        var outcome = await RunAsync(JsonNode.Parse("""
            {
              "1": {"class_type": "EmptyImage", "inputs": {"width": 64, "height": 64, "batch_size": 1, "color": 0}},
              "2": {"class_type": "ImageAddNoise", "inputs": {"image": ["1", 0], "seed": 18446744073709551615, "strength": 0.5}},
              "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "noisy"}}
            }
            """)!.AsObject());

        Assert.True(outcome is JobSucceeded { Outputs.Count: 1 }, outcome.ToString());
    }

    [Fact]
    public async Task ANodeTheSimulatorCannotExecute_EndsWithAnExecutionErrorNamingIt()
    {
        // LoadImageSetFromFolderNode is not simulated: its picture has no size, so SaveImage cannot draw it, and says so as ComfyUI would.
        var outcome = await RunAsync(JsonNode.Parse("""
            {
              "1": {"class_type": "LoadImageSetFromFolderNode", "inputs": {"folder": "3d"}},
              "3": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "again"}}
            }
            """)!.AsObject());

        var failed = Assert.IsType<JobFailed>(outcome);
        Assert.Equal(("3", "SaveImage"), (failed.NodeId, failed.ClassType));
        Assert.Contains("cannot execute node 3 (SaveImage)", failed.ExceptionMessage, StringComparison.Ordinal);
    }
}

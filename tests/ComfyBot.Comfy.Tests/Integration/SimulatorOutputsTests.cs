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
/// What a job makes, as ComfyUI 0.3.64 reports it: images that come only over the WebSocket (SaveImageWebsocket), and
/// outputs ComfyUI drops at validation while queueing the rest (a 200 with node_errors).
/// </summary>
public sealed class SimulatorOutputsTests : IAsyncLifetime
{

    private ComfySimulator _sim = null!;
    private HttpClient _http = null!;
    private ComfyClient _client = null!;

    public async Task InitializeAsync()
    {
        _sim = await ComfySimulator.StartAsync(new SimulatorOptions { StepsPerSecond = 0 });
        _http = new HttpClient { BaseAddress = _sim.BaseAddress };
        _client = new ComfyClient(_http, new ComfyClientOptions(), TimeProvider.System, NullLogger<ComfyClient>.Instance);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sim.DisposeAsync();
    }

    private async Task<(ComfyEventStream Events, JobTracker Tracker)> ConnectAsync(string clientId, bool previewMetadata)
    {
        var events = new ComfyEventStream(_sim.BaseAddress, clientId, new ComfyEventStreamOptions { RequestPreviewMetadata = previewMetadata }, TimeProvider.System, NullLogger<ComfyEventStream>.Instance);
        await events.StartAsync().WaitAsync(HangGuard);
        var tracker = new JobTracker(_client, events, new JobTrackerOptions { HistoryRetryDelay = TimeSpan.FromMilliseconds(50), WatchdogInterval = TimeSpan.FromSeconds(2), QueuePollInterval = TimeSpan.Zero }, TimeProvider.System, NullLogger<JobTracker>.Instance);
        return (events, tracker);
    }

    /// <summary>txt2img with its SaveImage replaced by a SaveImageWebsocket, and no PreviewImage.</summary>
    private static JsonObject WebSocketTxt2Img()
    {
        var prompt = JsonNode.Parse(RepositoryFixtures.ReadText("comfy", "workflows", "txt2img.json"))!.AsObject();
        prompt.Remove("10");
        prompt["9"] = new JsonObject { ["class_type"] = "SaveImageWebsocket", ["inputs"] = new JsonObject { ["images"] = new JsonArray("8", 0) } };
        return prompt;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SaveImageWebsocket_ImagesAreOutputsOfTheJob_NotPreviews(bool previewMetadata)
    {
        var (events, tracker) = await ConnectAsync(previewMetadata ? "meta" : "legacy", previewMetadata);
        await using var _ = events;

        await using var job = await tracker.SubmitAsync(new PromptRequest(WebSocketTxt2Img()));
        var previews = new List<PreviewImage>();
        await foreach (var snapshot in job.ReadSnapshotsAsync().WithCancellation(new CancellationTokenSource(HangGuard).Token))
        {
            if (snapshot is JobRunning { Preview: { } preview } && !previews.Contains(preview))
            {
                previews.Add(preview);
            }
        }

        var success = Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(HangGuard));
        Assert.Empty(success.Outputs);
        // The workflow makes a batch of two 256×256 images; each arrives as a PNG from node 9.
        Assert.Equal(2, success.StreamedImages.Count);
        Assert.All(success.StreamedImages, image =>
        {
            Assert.Equal("9", image.NodeId);
            Assert.Equal("image/png", image.MimeType);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], image.Data.Span[..4].ToArray());
        });
        Assert.DoesNotContain(previews, p => p.MimeType == "image/png");
    }

    [Fact]
    public async Task SaveImageWebsocket_IsNeverCached_SoASecondIdenticalRunSendsItsImagesAgain()
    {
        var (events, tracker) = await ConnectAsync("again", previewMetadata: true);
        await using var _ = events;
        var prompt = WebSocketTxt2Img();

        await using var first = await tracker.SubmitAsync(new PromptRequest(prompt.DeepClone().AsObject()));
        var firstOutcome = await first.Outcome.WaitAsync(HangGuard);
        Assert.True(firstOutcome is JobSucceeded { StreamedImages.Count: 2 }, firstOutcome.ToString());
        await using var second = await tracker.SubmitAsync(new PromptRequest(prompt.DeepClone().AsObject()));

        var secondOutcome = await second.Outcome.WaitAsync(HangGuard);
        Assert.True(secondOutcome is JobSucceeded { StreamedImages.Count: 2 }, secondOutcome.ToString());
    }

    [Fact]
    public async Task OutputDroppedAtValidation_IsNamedWithItsReason_AndTheRestRuns()
    {
        var (events, tracker) = await ConnectAsync("partial", previewMetadata: true);
        await using var _ = events;
        var prompt = JsonNode.Parse(RepositoryFixtures.ReadText("comfy", "workflows", "txt2img.json"))!.AsObject();
        prompt["20"] = new JsonObject { ["class_type"] = "LoadImage", ["inputs"] = new JsonObject { ["image"] = "not_uploaded.png" } };
        prompt["21"] = new JsonObject
        {
            ["class_type"] = "SaveImage",
            ["inputs"] = new JsonObject { ["images"] = new JsonArray("20", 0), ["filename_prefix"] = "second" },
            ["_meta"] = new JsonObject { ["title"] = "Save the input" },
        };

        await using var job = await tracker.SubmitAsync(new PromptRequest(prompt));

        var skipped = Assert.Single(job.Submission!.SkippedOutputs);
        Assert.Equal("21", skipped.NodeId);
        Assert.Equal("SaveImage", skipped.ClassType);
        var reason = Assert.Single(skipped.Reasons);
        Assert.Equal("20", reason.NodeId);
        Assert.Contains("not_uploaded.png", reason.Details, StringComparison.Ordinal);
        Assert.Contains("node 21 \"Save the input\" (SaveImage): node 20 (LoadImage), input 'image'", skipped.ToString(), StringComparison.Ordinal);
        var success = Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(HangGuard));
        Assert.Equal(skipped, Assert.Single(success.SkippedOutputs));
        Assert.All(success.Outputs, o => Assert.NotEqual("21", o.NodeId));
        Assert.Contains(success.Outputs, o => o.NodeId == "9");
    }
}

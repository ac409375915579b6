using System.Text.Json.Nodes;
using ComfyBot.Comfy.Events;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tracking;
using ComfyBot.Simulator;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Comfy.Tests.Integration;

/// <summary>The client, event stream and tracker against the real simulator over loopback.</summary>
public sealed class SimulatorIntegrationTests : IAsyncLifetime
{
    private const string ClientId = "bot";

    private readonly LosingHandler _transport = new();
    private ComfySimulator _sim = null!;
    private HttpClient _http = null!;
    private ComfyClient _client = null!;
    private ComfyEventStream _events = null!;
    private JobTracker _tracker = null!;

    public async Task InitializeAsync()
    {
        _sim = await ComfySimulator.StartAsync(new SimulatorOptions { StepsPerSecond = 0 });
        _http = new HttpClient(_transport) { BaseAddress = _sim.BaseAddress };
        _client = new ComfyClient(_http, new ComfyClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(100) }, TimeProvider.System, NullLogger<ComfyClient>.Instance);
        _events = new ComfyEventStream(_sim.BaseAddress, ClientId, new ComfyEventStreamOptions { ReconnectInitialDelay = TimeSpan.FromMilliseconds(50), ReconnectMaxDelay = TimeSpan.FromMilliseconds(200) }, TimeProvider.System, NullLogger<ComfyEventStream>.Instance);
        _tracker = new JobTracker(_client, _events, new JobTrackerOptions { HistoryRetryDelay = TimeSpan.FromMilliseconds(50), WatchdogInterval = TimeSpan.FromSeconds(2), QueuePollInterval = TimeSpan.Zero }, TimeProvider.System, NullLogger<JobTracker>.Instance);
        await _events.StartAsync().WaitAsync(HangGuard);
    }

    public async Task DisposeAsync()
    {
        await _events.DisposeAsync();
        _http.Dispose();
        await _sim.DisposeAsync();
    }

    private static JsonObject Txt2Img() => JsonNode.Parse(RepositoryFixtures.ReadText("comfy", "workflows", "txt2img.json"))!.AsObject();

    private static async Task<JobRunning> RunningAtStepAsync(TrackedJob job, int step)
    {
        await foreach (var snapshot in job.ReadSnapshotsAsync().WithCancellation(new CancellationTokenSource(HangGuard).Token))
        {
            if (snapshot is JobRunning { Steps: > 0 } running && running.Step >= step)
            {
                return running;
            }
        }

        throw new InvalidOperationException($"The job ended before step {step}: {await job.Outcome}");
    }

    [Fact]
    public async Task Txt2Img_Succeeds_AndItsOutputCanBeDownloaded()
    {
        await using var job = await _tracker.SubmitAsync(new PromptRequest(Txt2Img()));

        var success = Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(HangGuard));
        var image = success.Outputs.First(o => o.File.Type == "output");
        using var png = new MemoryStream();
        await _client.DownloadFileAsync(image.File, png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.ToArray()[..4]);
    }

    [Fact]
    public async Task WebSocketDroppedMidJob_GapIsReported_AndTheJobStillSucceeds()
    {
        using var all = _events.Subscribe();
        _sim.HoldSampling(afterSteps: 2);
        await using var job = await _tracker.SubmitAsync(new PromptRequest(Txt2Img()));
        await RunningAtStepAsync(job, 2);

        Assert.True(_sim.DropWebSockets(ClientId) > 0);
        await foreach (var item in all.ReadAllAsync().WithCancellation(new CancellationTokenSource(HangGuard).Token))
        {
            if (item is ConnectionGapEvent gap)
            {
                Assert.True(gap.ReconnectedAt >= gap.DisconnectedAt);
                break;
            }
        }

        _sim.ReleaseSampling();
        Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(HangGuard));
    }

    [Fact]
    public async Task ServerRestartMidJob_IsLost()
    {
        _sim.HoldSampling(afterSteps: 1);
        await using var job = await _tracker.SubmitAsync(new PromptRequest(Txt2Img()));
        await RunningAtStepAsync(job, 1);

        await _sim.RestartAsync();

        var lost = Assert.IsType<JobLost>(await job.Outcome.WaitAsync(HangGuard));
        Assert.Contains("neither /queue nor /history", lost.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAnswerLostInTransit_IsRecoveredWithoutQueueingTwice()
    {
        _sim.HoldSampling(afterSteps: 0);
        var request = new PromptRequest(Txt2Img()) { ClientId = ClientId };
        _transport.LoseNextPromptAnswer = true;

        var accepted = await _client.SubmitPromptAsync(request);

        Assert.True(accepted.Recovered);
        Assert.Equal(1, _transport.PromptPosts);
        var queue = await _client.GetQueueAsync();
        Assert.Equal(1, queue.Running.Concat(queue.Pending).Count(q => q.PromptId == request.PromptId));
        _sim.ReleaseSampling();
        await using var job = _tracker.Track(request.PromptId, request.Prompt);
        Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(HangGuard));
    }

    [Fact]
    public async Task InvalidPrompt_IsRejectedWithTheNodeError()
    {
        var prompt = Txt2Img();
        prompt["4"]!["inputs"]!["ckpt_name"] = "does_not_exist.safetensors";

        var ex = await Assert.ThrowsAsync<PromptValidationException>(() => _tracker.SubmitAsync(new PromptRequest(prompt)));

        var error = Assert.Single(ex.NodeErrors);
        Assert.Equal(("4", "CheckpointLoaderSimple", "ckpt_name", "value_not_in_list"), (error.NodeId, error.ClassType, error.InputName, error.ErrorType));
    }

    /// <summary>Forwards to the simulator, but can drop the answer to one POST /prompt after the server handled it.</summary>
    private sealed class LosingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public bool LoseNextPromptAnswer { get; set; }

        public int PromptPosts { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var isPromptPost = request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/prompt";
            PromptPosts += isPromptPost ? 1 : 0;
            var response = await base.SendAsync(request, cancellationToken);
            if (isPromptPost && LoseNextPromptAnswer)
            {
                LoseNextPromptAnswer = false;
                response.Dispose();
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "the connection closed before the answer arrived");
            }

            return response;
        }
    }
}

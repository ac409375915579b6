using System.Text.Json.Nodes;
using System.Threading.Channels;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tests.Http;
using ComfyBot.Comfy.Tests.Streaming;
using ComfyBot.Comfy.Tracking;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Comfy.Tests.Tracking;

/// <summary>
/// Which requests the tracker makes for a job it submitted itself (issue 15: per-job client cost). On a stream that was
/// connected before the submit every event arrives (or a gap says otherwise), so the run is followed on events alone
/// and /history is read once, after executing{node:null}; /queue is read only when a status event says other prompts
/// are queued, and a queue change is never dropped, only looked at up to one QueuePollInterval later.
/// </summary>
public sealed class JobTrackerRequestTests : IAsyncDisposable
{
    private const string Id = "p-1";
    private const string Accepted = """{"prompt_id":"p-1","number":3,"node_errors":{}}""";
    private const string Success = """{"p-1":{"prompt":[3,"p-1",{},{},["9"]],"outputs":{"9":{"images":[{"filename":"out_00001_.png","subfolder":"","type":"output"}]}},"status":{"status_str":"success","completed":true,"messages":[]}}}""";
    private const string TwoAhead = """{"queue_running":[[1,"a",{},{},[]]],"queue_pending":[[2,"b",{},{},[]],[3,"p-1",{},{},[]]]}""";
    private const string OneAhead = """{"queue_running":[[2,"b",{},{},[]]],"queue_pending":[[3,"p-1",{},{},[]]]}""";

    private readonly TimerWatchingClock _time = new(new DateTimeOffset(2026, 12, 7, 11, 0, 0, TimeSpan.Zero));
    private readonly ScriptedSocketFactory _sockets = new();
    private readonly ComfyEventStream _stream;
    private readonly Channel<string> _calls = Channel.CreateUnbounded<string>();
    private readonly List<string> _requests = [];
    private volatile bool _historyWritten;
    private volatile string _queue = TwoAhead;

    public JobTrackerRequestTests()
    {
        _stream = new ComfyEventStream(new Uri("http://comfy.test/"), "bot", new ComfyEventStreamOptions { ReconnectInitialDelay = TimeSpan.Zero, ReconnectMaxDelay = TimeSpan.Zero }, _time, NullLogger.Instance, _sockets, () => 0.5);
    }

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();

    private static JsonObject Prompt() => new()
    {
        ["9"] = new JsonObject { ["class_type"] = "SaveImage", ["inputs"] = new JsonObject() },
    };

    private JobTracker Tracker()
    {
        var handler = new ScriptedHttpHandler(r =>
        {
            lock (_requests)
            {
                _requests.Add($"{r.Method} {r.Path}");
            }

            _calls.Writer.TryWrite(r.Path);
            return r.Path switch
            {
                "/prompt" => ScriptedHttpHandler.Json(Accepted),
                "/queue" => ScriptedHttpHandler.Json(_queue),
                _ => ScriptedHttpHandler.Json(_historyWritten ? Success : "{}"),
            };
        });

        // HTTP timeouts run on the real clock: moving the fake one must not time out calls in flight.
        return new JobTracker(ClientFactory.Create(handler, 0), _stream, new JobTrackerOptions { WatchdogInterval = TimeSpan.FromHours(1) }, _time, NullLogger<JobTracker>.Instance);
    }

    private List<string> Requests()
    {
        lock (_requests)
        {
            return [.. _requests];
        }
    }

    private async Task<string> NextCallAsync() => await _calls.Reader.ReadAsync().AsTask().WaitAsync(HangGuard);

    [Fact]
    public async Task Submitted_OnAConnectedStream_OnAnIdleServer_AsksNothingButTheSubmitAndOneHistoryReadAfterExecutingNull()
    {
        var tracker = Tracker();
        await _stream.StartAsync().WaitAsync(HangGuard);
        var socket = await _sockets.NextAsync();

        await using var job = await tracker.SubmitAsync(new PromptRequest(Prompt()) { PromptId = Id });

        // What ComfyUI 0.3.64 sends for a fast SaveImage run (the client-vs-seed timeline), in its order: the queue
        // change (queue_remaining 1: only this prompt), the run, execution_success, the history write with the next
        // queue change, then executing{node:null}.
        socket.Text("""{"type":"status","data":{"status":{"exec_info":{"queue_remaining":1}}}}""");
        socket.Text("""{"type":"execution_start","data":{"prompt_id":"p-1","timestamp":1}}""");
        socket.Text("""{"type":"execution_cached","data":{"nodes":[],"prompt_id":"p-1","timestamp":1}}""");
        socket.Text("""{"type":"executing","data":{"node":"9","display_node":"9","prompt_id":"p-1"}}""");
        socket.Text("""{"type":"executed","data":{"node":"9","display_node":"9","output":{"images":[{"filename":"out_00001_.png","subfolder":"","type":"output"}]},"prompt_id":"p-1"}}""");
        socket.Text("""{"type":"execution_success","data":{"prompt_id":"p-1","timestamp":2}}""");
        await Polling.UntilAsync(() => job.Clock.Read().ServerEndedAt is not null);
        _historyWritten = true;
        socket.Text("""{"type":"status","data":{"status":{"exec_info":{"queue_remaining":0}}}}""");
        socket.Text("""{"type":"executing","data":{"node":null,"prompt_id":"p-1"}}""");

        var success = Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(HangGuard));
        Assert.Equal("out_00001_.png", Assert.Single(success.Outputs).File.Filename);
        Assert.Equal(["POST /prompt", "GET /history/p-1"], Requests());
    }

    [Fact]
    public async Task Submitted_WhileTheStreamIsDown_ReadsHistoryAndQueueAtOnce_ItsFirstEventsMayBeLost()
    {
        var tracker = Tracker();

        await using var job = await tracker.SubmitAsync(new PromptRequest(Prompt()) { PromptId = Id });

        var queued = Assert.IsType<JobQueued>(await job.Snapshots.ReadAsync().AsTask().WaitAsync(HangGuard));
        Assert.Equal((2, 2), (queued.Position, queued.Ahead));
        Assert.Equal(["POST /prompt", "GET /history/p-1", "GET /queue"], Requests());
    }

    [Fact]
    public async Task Submitted_OnABusyServer_ShowsItsPlaceAtOnce_AndAChangeWithinTheIntervalWhenTheIntervalHasPassed()
    {
        var tracker = Tracker();
        await _stream.StartAsync().WaitAsync(HangGuard);
        var socket = await _sockets.NextAsync();
        await using var job = await tracker.SubmitAsync(new PromptRequest(Prompt()) { PromptId = Id });
        Assert.Equal("/prompt", await NextCallAsync());

        // Two prompts ahead: the status event counts three, so the place is read at once.
        socket.Text("""{"type":"status","data":{"status":{"exec_info":{"queue_remaining":3}}}}""");
        Assert.Equal("/history/p-1", await NextCallAsync());
        Assert.Equal("/queue", await NextCallAsync());
        var first = Assert.IsType<JobQueued>(await job.Snapshots.ReadAsync().AsTask().WaitAsync(HangGuard));
        Assert.Equal((2, 2), (first.Position, first.Ahead));

        // The running prompt ends at once: too soon for another look, but the change is not dropped. It is looked at
        // when QueuePollInterval (1 s) has passed since the last look, not at the next change or the watchdog (1 h).
        _time.ForgetTimers();
        _queue = OneAhead;
        socket.Text("""{"type":"status","data":{"status":{"exec_info":{"queue_remaining":2}}}}""");
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(1));

        Assert.Equal("/history/p-1", await NextCallAsync());
        Assert.Equal("/queue", await NextCallAsync());
        var second = Assert.IsType<JobQueued>(await job.Snapshots.ReadAsync().AsTask().WaitAsync(HangGuard));
        Assert.Equal((1, 1), (second.Position, second.Ahead));
    }

    [Fact]
    public async Task Submitted_OnAConnectedStream_ThatDropsMidRun_ReconcilesOnTheGap()
    {
        var tracker = Tracker();
        await _stream.StartAsync().WaitAsync(HangGuard);
        var socket = await _sockets.NextAsync();
        await using var job = await tracker.SubmitAsync(new PromptRequest(Prompt()) { PromptId = Id });
        Assert.Equal("/prompt", await NextCallAsync());
        socket.Text("""{"type":"execution_start","data":{"prompt_id":"p-1","timestamp":1}}""");
        await Polling.UntilAsync(() => job.Clock.Read().ServerStartedAt is not null);

        // The run ends while the socket is down: its events are gone, only history knows.
        _historyWritten = true;
        socket.ServerClose();
        await _sockets.NextAsync();

        Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(HangGuard));
        Assert.Equal(["POST /prompt", "GET /history/p-1"], Requests());
    }

    [Fact]
    public async Task WarmUp_PlaysAJobInMemoryToSuccess_OncePerProcess()
    {
        var first = JobTracker.WarmUpAsync();

        await first.WaitAsync(HangGuard);
        Assert.Same(first, JobTracker.WarmUpAsync());
    }
}

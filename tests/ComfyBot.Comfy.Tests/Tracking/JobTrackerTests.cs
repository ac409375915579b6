using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ComfyBot.Comfy.Events;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tests.Http;
using ComfyBot.Comfy.Tests.Streaming;
using ComfyBot.Comfy.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Comfy.Tests.Tracking;

public sealed class JobTrackerTests : IAsyncDisposable
{
    private const string Id = "p-1";
    private const string Running = """{"queue_running":[[1,"p-1",{},{},[]]],"queue_pending":[]}""";
    private const string Pending = """{"queue_running":[[0,"other",{},{},[]]],"queue_pending":[[2,"x",{},{},[]],[1,"p-1",{},{},[]]]}""";
    private const string Empty = """{"queue_running":[],"queue_pending":[]}""";
    private const string Success = """{"p-1":{"prompt":[1,"p-1",{},{},["9"]],"outputs":{"9":{"images":[{"filename":"out_00001_.png","subfolder":"","type":"output"}]}},"status":{"status_str":"success","completed":true,"messages":[]}}}""";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 4, 0, 0, TimeSpan.Zero));
    private readonly ComfyEventStream _stream;
    private readonly ComfyEventSubscription _events = new(Id, _ => { });
    private readonly Channel<string> _calls = Channel.CreateUnbounded<string>();
    private Func<string, HttpResponseMessage> _server = _ => ScriptedHttpHandler.Json("{}");

    public JobTrackerTests()
    {
        _stream = new ComfyEventStream(new Uri("http://comfy.test/"), "bot", new ComfyEventStreamOptions(), _time, NullLogger.Instance, new ScriptedSocketFactory(), () => 0.5);
    }

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();

    private static JsonObject Prompt() => new()
    {
        ["3"] = new JsonObject { ["class_type"] = "KSampler", ["inputs"] = new JsonObject(), ["_meta"] = new JsonObject { ["title"] = "Main sampler" } },
        ["9"] = new JsonObject { ["class_type"] = "SaveImage", ["inputs"] = new JsonObject() },
    };

    private JobTracker Tracker(JobTrackerOptions? options = null, int maxRetries = 0)
    {
        var handler = new ScriptedHttpHandler(r =>
        {
            _calls.Writer.TryWrite(r.Path);
            return _server(r.Path);
        });
        // HTTP timeouts run on the real clock: advancing the fake one must not time out calls in flight.
        var client = ClientFactory.Create(handler, maxRetries);
        return new JobTracker(client, _stream, options ?? new JobTrackerOptions { HistoryRetryDelay = TimeSpan.Zero }, _time, NullLogger<JobTracker>.Instance);
    }

    private async Task<string> NextCallAsync() => await _calls.Reader.ReadAsync().AsTask().WaitAsync(HangGuard);

    /// <summary>Moves the fake clock in small steps until <paramref name="done"/>; the tracker's timers fire as they come due.</summary>
    private async Task AdvanceUntilAsync(Func<bool> done, TimeSpan step)
    {
        for (var i = 0; i < 100_000 && !done(); i++)
        {
            _time.Advance(step);
            await Task.Yield();
        }

        Assert.True(done(), "the condition was not reached while advancing the fake clock");
    }

    [Fact]
    public async Task HistoryEmptyAfterSuccess_IsRetriedWithBackoffOnTheClock_ThenSucceeds()
    {
        var historyCalls = 0;
        _server = path => path switch
        {
            "/queue" => ScriptedHttpHandler.Json(Running),
            // Call 1 is the start-up check; calls 2 and 3 race the history write.
            _ => ScriptedHttpHandler.Json(++historyCalls <= 3 ? "{}" : Success),
        };
        var tracker = Tracker(new JobTrackerOptions { HistoryRetryDelay = TimeSpan.FromSeconds(1), HistoryRetryAttempts = 5 });
        await using var job = tracker.Start(Id, Prompt(), _events, null);
        Assert.Equal("/history/p-1", await NextCallAsync());
        Assert.Equal("/queue", await NextCallAsync());
        var start = _time.GetUtcNow();

        _events.Offer(new ExecutionSuccessEvent(Id, 1));
        await AdvanceUntilAsync(() => job.Outcome.IsCompleted, TimeSpan.FromMilliseconds(100));

        var success = Assert.IsType<JobSucceeded>(await job.Outcome);
        Assert.Equal("out_00001_.png", Assert.Single(success.Outputs).File.Filename);
        Assert.Equal(4, historyCalls);
        Assert.True(_time.GetUtcNow() - start >= TimeSpan.FromSeconds(3), "two retries wait 1 s then 2 s");
    }

    [Fact]
    public async Task Success_InComfyUisOrder_ReadsHistoryOnceAfterExecutingNull_WithoutWaiting()
    {
        // ComfyUI's order (traces/02_txt2img: seq 736, 739, then the GET): execution_success, the history write,
        // executing{node:null}. A tracker that reads history on execution_success gets {} and waits a retry delay.
        var written = false;
        var historyCalls = 0;
        _server = path => path switch
        {
            "/queue" => ScriptedHttpHandler.Json(Running),
            _ => ScriptedHttpHandler.Json(++historyCalls > 1 && written ? Success : "{}"),
        };
        var tracker = Tracker(new JobTrackerOptions { HistoryRetryDelay = TimeSpan.FromSeconds(1), HistoryRetryAttempts = 5 });
        await using var job = tracker.Start(Id, Prompt(), _events, null);
        Assert.Equal("/history/p-1", await NextCallAsync());
        Assert.Equal("/queue", await NextCallAsync());
        var start = _time.GetUtcNow();

        _events.Offer(new ExecutionSuccessEvent(Id, 1));
        // Let the tracker take the event and make any read it makes on it (it should make none) before history exists.
        for (var i = 0; i < 1000 && _events.Reader.Count > 0; i++)
        {
            await Task.Delay(10);
        }

        await Task.WhenAny(_calls.Reader.WaitToReadAsync().AsTask(), Task.Delay(TimeSpan.FromMilliseconds(300)));
        written = true;
        _events.Offer(new ExecutingEvent(Id, null, null));

        // The fake clock never moves: an outcome that needs a retry delay never comes.
        var success = Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(HangGuard));
        Assert.Equal("out_00001_.png", Assert.Single(success.Outputs).File.Filename);
        Assert.Equal(2, historyCalls);
        Assert.Equal(start, _time.GetUtcNow());
    }

    [Fact]
    public async Task ServerRestartMidRun_EmptiesQueueAndHistory_IsLost()
    {
        var restarted = false;
        _server = path => path == "/queue" ? ScriptedHttpHandler.Json(restarted ? Empty : Running) : ScriptedHttpHandler.Json("{}");
        await using var job = Tracker().Start(Id, Prompt(), _events, null);
        Assert.Equal("/history/p-1", await NextCallAsync());
        Assert.Equal("/queue", await NextCallAsync());

        _events.Offer(new ExecutingEvent(Id, "3", "3"));
        _events.Offer(new ProgressEvent(Id, "3", 4, 20));
        restarted = true;
        _events.Offer(new ConnectionGapEvent(_time.GetUtcNow(), _time.GetUtcNow().AddSeconds(5)));

        var lost = Assert.IsType<JobLost>(await job.Outcome.WaitAsync(HangGuard));
        Assert.Contains("neither /queue nor /history", lost.Reason, StringComparison.Ordinal);
        var running = (await job.ReadSnapshotsAsync().ToListAsync()).OfType<JobRunning>().Last();
        Assert.Equal(("3", "Main sampler", 4, 20), (running.NodeId, running.NodeTitle, running.Step, running.Steps));
    }

    /// <summary>
    /// Issue 10, defect 9. Each preview's single byte is the step it shows. A client that asked for preview metadata
    /// gets each step's type-4 preview just before that step's progress; any other client gets a type-1 preview just
    /// after it (recordings 04_queue client B and 02_txt2img client A).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EachPreview_IsShownWithItsOwnStep_InTheOrderComfyUISendsThem(bool metadata)
    {
        _server = path => path == "/queue" ? ScriptedHttpHandler.Json(Running) : ScriptedHttpHandler.Json("{}");
        await using var job = Tracker().Start(Id, Prompt(), _events, null);
        Assert.Equal("/history/p-1", await NextCallAsync());
        Assert.Equal("/queue", await NextCallAsync());

        _events.Offer(new ExecutingEvent(Id, "3", "3"));
        for (var step = 1; step <= 4; step++)
        {
            var preview = new PreviewImageEvent(Id, metadata ? "3" : null, "image/jpeg", new[] { (byte)step }, metadata);
            if (metadata)
            {
                _events.Offer(preview);
            }

            _events.Offer(new ProgressEvent(Id, "3", step, 4));
            if (!metadata)
            {
                _events.Offer(preview);
            }
        }

        _events.Offer(new ExecutingEvent(Id, "9", "9"));
        _server = path => ScriptedHttpHandler.Json(path == "/queue" ? Empty : Success);
        _events.Offer(new ExecutionSuccessEvent(Id, 1));
        Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(HangGuard));

        var shown = (await job.ReadSnapshotsAsync().ToListAsync()).OfType<JobRunning>().Where(r => r.Preview is not null).ToList();
        Assert.All(shown, r => Assert.True(r.NodeId != "3" || r.Preview!.Data.Span[0] == r.Step, $"step {r.Step} was shown with the preview of step {r.Preview!.Data.Span[0]}"));
        Assert.Equal([1, 2, 3, 4], shown.Where(r => r.NodeId == "3").Select(r => r.Step));
    }

    /// <summary>
    /// Issue 10, defect 8: a prompt followed without its graph (reattached after the caller restarted) named its
    /// nodes by id ("🎨 3 · step 12/20"). The graph ComfyUI holds in /queue gives their classes.
    /// </summary>
    [Fact]
    public async Task Followed_WithoutItsGraph_NamesTheNodeByTheClassTheQueueGives()
    {
        const string runningWithGraph = """{"queue_running":[[1,"p-1",{"3":{"class_type":"KSampler","inputs":{}},"9":{"class_type":"SaveImage","inputs":{}}},{"client_id":"bot"},["9"]]],"queue_pending":[]}""";
        _server = path => path == "/queue" ? ScriptedHttpHandler.Json(runningWithGraph) : ScriptedHttpHandler.Json("{}");
        await using var job = Tracker().Start(Id, null, _events, null);
        Assert.Equal("/history/p-1", await NextCallAsync());
        Assert.Equal("/queue", await NextCallAsync());

        _events.Offer(new ProgressEvent(Id, "3", 12, 20));
        _server = path => ScriptedHttpHandler.Json(path == "/queue" ? Empty : Success);
        _events.Offer(new ExecutionSuccessEvent(Id, 1));
        Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(HangGuard));

        var running = (await job.ReadSnapshotsAsync().ToListAsync()).OfType<JobRunning>().Last(r => r.NodeId == "3");
        Assert.Equal(("KSampler", 12, 20), (running.NodeTitle, running.Step, running.Steps));
    }

    /// <summary>Issue 10, defect 8: a run that ended while nobody watched is timed by its history, not reported as 0 s.</summary>
    [Fact]
    public async Task FinishedBeforeTrackingStarted_TheOutcomeCarriesTheServersRunTimeFromHistory()
    {
        const string finished = """{"p-1":{"prompt":[1,"p-1",{},{},["9"]],"outputs":{"9":{"images":[{"filename":"out_00001_.png","subfolder":"","type":"output"}]}},"status":{"status_str":"success","completed":true,"messages":[["execution_start",{"prompt_id":"p-1","timestamp":1795749158360}],["execution_cached",{"nodes":[],"prompt_id":"p-1","timestamp":1795749158362}],["execution_success",{"prompt_id":"p-1","timestamp":1795749164883}]]}}}""";
        _server = path => ScriptedHttpHandler.Json(path == "/queue" ? Empty : finished);

        await using var job = Tracker().Start(Id, null, _events, null);

        var success = Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(HangGuard));
        Assert.Equal(TimeSpan.FromMilliseconds(6523), success.RunTime);
    }

    /// <summary>Issue 13 (fair use): the run's GPU time is the server's own, and the tracker keeps when it last heard the run.</summary>
    [Fact]
    public async Task Clock_KeepsTheServersStartAndEndTimestamps_AndWhenTheRunWasLastHeard()
    {
        _server = path => ScriptedHttpHandler.Json(path == "/queue" ? Running : "{}");
        await using var job = Tracker().Start(Id, Prompt(), _events, null);
        Assert.Equal("/history/p-1", await NextCallAsync());
        Assert.Equal("/queue", await NextCallAsync());

        _events.Offer(new ExecutionStartEvent(Id, 1795749158360));
        await ComfyBot.Testing.Polling.UntilAsync(() => job.Clock.Read().ServerStartedAt is not null);
        _time.Advance(TimeSpan.FromSeconds(4));
        var heard = _time.GetUtcNow();
        _events.Offer(new ProgressEvent(Id, "3", 5, 20));
        await ComfyBot.Testing.Polling.UntilAsync(() => job.Clock.Read().LastHeardRunning == heard);

        Assert.Equal(new RunTimes(DateTimeOffset.FromUnixTimeMilliseconds(1795749158360), null, heard), job.Clock.Read());

        _server = path => ScriptedHttpHandler.Json(path == "/queue" ? Empty : Success);
        _events.Offer(new ExecutionSuccessEvent(Id, 1795749164883));
        Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(HangGuard));
        Assert.Equal(TimeSpan.FromMilliseconds(6523), job.Clock.Read().Reported);
    }

    [Fact]
    public async Task Clock_RunFinishedUnseen_TakesItsTimesFromHistory()
    {
        const string finished = """{"p-1":{"prompt":[1,"p-1",{},{},["9"]],"outputs":{"9":{"images":[{"filename":"out_00001_.png","subfolder":"","type":"output"}]}},"status":{"status_str":"success","completed":true,"messages":[["execution_start",{"prompt_id":"p-1","timestamp":1795749158360}],["execution_success",{"prompt_id":"p-1","timestamp":1795749164883}]]}}}""";
        _server = path => ScriptedHttpHandler.Json(path == "/queue" ? Empty : finished);

        await using var job = Tracker().Start(Id, null, _events, null);

        await job.Outcome.WaitAsync(HangGuard);
        Assert.Equal(TimeSpan.FromMilliseconds(6523), job.Clock.Read().Reported);
        Assert.Null(job.Clock.Read().LastHeardRunning);
    }

    [Fact]
    public async Task Clock_LostRun_HasAStartAndWhenItWasLastHeard_ButNoEnd()
    {
        _server = path => ScriptedHttpHandler.Json(path == "/queue" ? Running : "{}");
        await using var job = Tracker().Start(Id, Prompt(), _events, null);
        Assert.Equal("/history/p-1", await NextCallAsync());
        Assert.Equal("/queue", await NextCallAsync());
        var heard = _time.GetUtcNow();
        _events.Offer(new ExecutionStartEvent(Id, 1795749158360));
        await ComfyBot.Testing.Polling.UntilAsync(() => job.Clock.Read().ServerStartedAt is not null);

        // The server restarts: the prompt is in neither /queue nor /history.
        _server = path => ScriptedHttpHandler.Json(path == "/queue" ? Empty : "{}");
        _time.Advance(TimeSpan.FromSeconds(30));
        _events.Offer(new ConnectionGapEvent(heard, _time.GetUtcNow()));

        Assert.IsType<JobLost>(await job.Outcome.WaitAsync(HangGuard));
        var times = job.Clock.Read();
        Assert.Equal((DateTimeOffset.FromUnixTimeMilliseconds(1795749158360), (DateTimeOffset?)null, heard), (times.ServerStartedAt!.Value, times.ServerEndedAt, times.LastHeardRunning!.Value));
        Assert.Null(times.Reported);
    }

    [Fact]
    public async Task NoEvents_WatchdogPolls_AndFindsTheResult()
    {
        var finished = false;
        _server = path => path == "/queue" ? ScriptedHttpHandler.Json(Pending) : ScriptedHttpHandler.Json(finished ? Success : "{}");
        await using var job = Tracker(new JobTrackerOptions { HistoryRetryDelay = TimeSpan.Zero, WatchdogInterval = TimeSpan.FromSeconds(30) }).Start(Id, Prompt(), _events, null);
        var queued = Assert.IsType<JobQueued>(await job.Snapshots.ReadAsync().AsTask().WaitAsync(HangGuard));
        // The raw heap lists x (number 2) first; run order puts p-1 (number 1) first, behind the running one.
        Assert.Equal((1, 1), (queued.Position, queued.Ahead));

        finished = true;
        await AdvanceUntilAsync(() => job.Outcome.IsCompleted, TimeSpan.FromSeconds(1));

        Assert.IsType<JobSucceeded>(await job.Outcome);
    }

    [Fact]
    public async Task ExecutionError_FailsNamingTitleClassAndMessage_ButBlockerIsIgnored()
    {
        _server = path => ScriptedHttpHandler.Json(path == "/queue" ? Running : "{}");
        await using var job = Tracker().Start(Id, Prompt(), _events, null);

        _events.Offer(new ExecutionErrorEvent(Id, "9", "SaveImage", "ExecutionBlocked", "blocked", [], [], null));
        _events.Offer(new ExecutionErrorEvent(Id, "3", "KSampler", "RuntimeError", "CUDA out of memory", ["4"], [], 5));

        var failed = Assert.IsType<JobFailed>(await job.Outcome.WaitAsync(HangGuard));
        Assert.Equal(("3", "Main sampler", "KSampler", "RuntimeError", "CUDA out of memory"), (failed.NodeId, failed.NodeTitle, failed.ClassType, failed.ExceptionType, failed.ExceptionMessage));
    }

    [Fact]
    public async Task ServerUnreachableAtStart_TrackingGoesOnWithEvents()
    {
        var down = true;
        _server = path => down ? throw new HttpRequestException("refused") : ScriptedHttpHandler.Json(Success);
        await using var job = Tracker().Start(Id, Prompt(), _events, null);
        await NextCallAsync();

        down = false;
        _events.Offer(new ExecutedEvent(Id, "9", "9", [new OutputFile("9", "images", new ComfyFile("out_00001_.png", "", "output"))], "{}"));
        _events.Offer(new ExecutingEvent(Id, null, null));

        Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(HangGuard));
    }

    [Fact]
    public async Task FinishedWithoutAnyHistory_AndNoSuccessSeen_IsLost()
    {
        _server = path => ScriptedHttpHandler.Json(path == "/queue" ? Running : "{}");
        await using var job = Tracker().Start(Id, Prompt(), _events, null);

        _events.Offer(new ExecutingEvent(Id, null, null));

        var lost = Assert.IsType<JobLost>(await job.Outcome.WaitAsync(HangGuard));
        Assert.Contains("no history entry", lost.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverallProgress_CountsCachedAndFinishedNodes()
    {
        _server = path => ScriptedHttpHandler.Json(path == "/queue" ? Running : "{}");
        var prompt = Prompt();
        prompt["4"] = new JsonObject { ["class_type"] = "CheckpointLoaderSimple", ["inputs"] = new JsonObject() };
        prompt["8"] = new JsonObject { ["class_type"] = "VAEDecode", ["inputs"] = new JsonObject() };
        await using var job = Tracker().Start(Id, prompt, _events, null);

        _events.Offer(new ExecutionCachedEvent(Id, ["4"], 1));
        _events.Offer(new ExecutingEvent(Id, "3", "3"));
        _events.Offer(new ProgressEvent(Id, "3", 10, 20));
        _events.Offer(new ExecutionInterruptedEvent(Id, "3", "KSampler", [], 2));

        Assert.IsType<JobInterrupted>(await job.Outcome.WaitAsync(HangGuard));
        var last = (await job.ReadSnapshotsAsync().ToListAsync()).OfType<JobRunning>().Last();
        Assert.Equal((1 + 0.5) / 4, last.Progress, 3);
    }

    [Fact]
    public async Task Submit_WithAnotherClientId_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Tracker().SubmitAsync(new PromptRequest(Prompt()) { ClientId = "someone-else" }));
        Assert.Contains("'bot'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_SendsTheStreamsClientId_AndTracksTheAcceptedPrompt()
    {
        string? body = null;
        var handler = new ScriptedHttpHandler(r =>
        {
            if (r.Path == "/prompt")
            {
                body = r.Body;
                return ScriptedHttpHandler.Json("""{"prompt_id":"p-1","number":1,"node_errors":{}}""");
            }

            return ScriptedHttpHandler.Json(r.Path == "/queue" ? Running : Success);
        });
        var tracker = new JobTracker(ClientFactory.Create(handler, 0, _time), _stream, new JobTrackerOptions { HistoryRetryDelay = TimeSpan.Zero }, _time, NullLogger<JobTracker>.Instance);

        await using var job = await tracker.SubmitAsync(new PromptRequest(Prompt()) { PromptId = Id });

        Assert.Contains("\"client_id\":\"bot\"", body, StringComparison.Ordinal);
        Assert.Equal(Id, job.Submission!.PromptId);
        Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(HangGuard));
    }

    [Fact]
    public async Task Submit_Rejected_ThrowsValidationError()
    {
        var handler = new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json("""{"error":{"type":"prompt_no_outputs","message":"Prompt has no outputs","details":"","extra_info":{}},"node_errors":{}}""", HttpStatusCode.BadRequest));
        var tracker = new JobTracker(ClientFactory.Create(handler, 0, _time), _stream, new JobTrackerOptions(), _time, NullLogger<JobTracker>.Instance);
        var ex = await Assert.ThrowsAsync<PromptValidationException>(() => tracker.SubmitAsync(new PromptRequest(Prompt())));
        Assert.Equal("prompt_no_outputs", ex.ErrorType);
    }

    [Fact]
    public void Options_OutOfRange_NameTheKeyAndTheFix()
    {
        var errors = new JobTrackerOptions { WatchdogInterval = TimeSpan.Zero, HistoryRetryAttempts = 99 }.Validate();
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("JobTrackerOptions:WatchdogInterval is 00:00:00", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("JobTrackerOptions:HistoryRetryAttempts is 99", errors[1], StringComparison.Ordinal);
    }
}

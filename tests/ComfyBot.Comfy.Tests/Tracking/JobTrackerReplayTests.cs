using System.Text.Json;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tests.Http;
using ComfyBot.Comfy.Tracking;
using ComfyBot.Testing.Traces;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Comfy.Tests.Tracking;

/// <summary>Each recorded scenario, replayed through event stream and tracker, ends in the outcome the recording shows.</summary>
public sealed class JobTrackerReplayTests
{
    private static readonly string[] ScenariosWithJobs = ["02_txt2img", "03_cached", "04_queue", "05_delete_pending", "06_interrupt", "08_runtime_error", "10_upload_img2img", "11_ws_reconnect"];

    public static TheoryData<string, string> RecordedJobs()
    {
        var data = new TheoryData<string, string>();
        foreach (var scenario in ScenariosWithJobs)
        {
            foreach (var id in TraceReplay.TrackablePrompts(scenario))
            {
                data.Add(scenario, id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RecordedJobs))]
    public async Task Replay_EndsInTheRecordedOutcome(string scenario, string promptId)
    {
        var (outcome, _) = await ReplayAsync(scenario, promptId);

        var history = TraceReplay.RecordedHistory(TraceReader.Read(scenario), promptId);
        var expected = history is null ? typeof(JobLost) : Expected(JsonDocument.Parse(history[promptId]!.ToJsonString()).RootElement);
        Assert.IsType(expected, outcome);
    }

    public static TheoryData<string, string> RecordedSuccesses()
    {
        var data = new TheoryData<string, string>();
        foreach (var scenario in ScenariosWithJobs)
        {
            var records = TraceReader.Read(scenario);
            foreach (var id in TraceReplay.TrackablePrompts(scenario))
            {
                // Only runs whose end the client received: 11_ws_reconnect's second run ends while its socket is down.
                var endReceived = records.Any(r => r.Type == "execution_success" && r.Raw!.Contains(id, StringComparison.Ordinal));
                if (endReceived && TraceReplay.RecordedHistory(records, id)?[id]?["status"]?["status_str"]?.GetValue<string>() == "success")
                {
                    data.Add(scenario, id);
                }
            }
        }

        return data;
    }

    /// <summary>
    /// The real server's order, from the recordings: execution_success, then (after history is written) executing
    /// {node:null}. A job this client submitted on a connected stream, replayed with history appearing only at
    /// executing{node:null} and a clock that never moves, ends in success with no history read that raced the write:
    /// the HistoryRetryDelay wait (here 10 s on a frozen clock, so it would never end) does not happen.
    /// </summary>
    [Theory]
    [MemberData(nameof(RecordedSuccesses))]
    public async Task RecordedSuccess_SubmittedOnAConnectedStream_ReadsHistoryAfterExecutingNull_WithoutWaiting(string scenario, string promptId)
    {
        var replay = new TraceReplay(scenario, promptId) { HistoryAtExecutingNull = true };
        var success = replay.SuccessOf(promptId);
        var end = replay.ExecutingNullOf(promptId);
        Assert.True(success < end, $"{scenario} {promptId}: execution_success at seq {success}, executing{{node:null}} at seq {end}");

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));
        var handler = replay.Handler;
        var client = new ComfyClient(ScriptedHttpHandler.Client(handler), new ComfyClientOptions { RetryBaseDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero }, TimeProvider.System, NullLogger<ComfyClient>.Instance);
        await using var events = new ComfyEventStream(new Uri("http://comfy.test/"), replay.Client, new ComfyEventStreamOptions { ReconnectInitialDelay = TimeSpan.Zero, ReconnectMaxDelay = TimeSpan.Zero }, time, NullLogger.Instance, replay, () => 0.5);
        var tracker = new JobTracker(client, events, new JobTrackerOptions { HistoryRetryDelay = TimeSpan.FromSeconds(10), WatchdogInterval = TimeSpan.FromHours(1) }, time, NullLogger<JobTracker>.Instance);
        replay.Paced = events.Subscribe(promptId);
        replay.Release();
        await events.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await using var job = tracker.Start(promptId, replay.Prompt, replay.Paced, null, seesEveryEvent: true);
        var outcome = await job.Outcome.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsType<JobSucceeded>(outcome);
        Assert.Equal(0, replay.RacedHistoryReads);
        Assert.Equal($"GET /history/{promptId}", handler.Requests[^1].ToString().Split('?')[0]);
    }

    [Fact]
    public async Task Txt2Img_SucceedsWithTheRecordedFiles_AfterQueuedAndRunningSnapshots()
    {
        var (outcome, snapshots) = await ReplayAsync("02_txt2img", "a2c5015b-ca1b-4fe0-b80a-ae115fe0dc00");

        var success = Assert.IsType<JobSucceeded>(outcome);
        Assert.Equal(4, success.Outputs.Count);
        Assert.Contains(success.Outputs, o => o is { NodeId: "9", File: { Filename: "trace_txt2img_00001_.png", Type: "output" } });
        var sampling = snapshots.OfType<JobRunning>().Where(r => r.NodeId == "3" && r.Steps == 8).ToList();
        Assert.Equal(Enumerable.Range(1, 8), sampling.Select(s => s.Step).Distinct());
        Assert.All(sampling, s => Assert.Equal("KSampler", s.NodeTitle));
        Assert.Contains(sampling, s => s.Preview is { MimeType: "image/jpeg" });
        var progress = snapshots.OfType<JobRunning>().Select(r => r.Progress).ToList();
        Assert.Equal(progress.Order().ToList(), progress);
        Assert.Contains(snapshots.OfType<JobRunning>(), r => r.Outputs.Any(o => o.File.Filename == "trace_txt2img_00001_.png"));
    }

    [Fact]
    public async Task FullyCachedRun_SucceedsWithOutputsFromHistory()
    {
        var (outcome, snapshots) = await ReplayAsync("03_cached", "d6039d62-7869-481b-a37c-cdccf8ddb9b1");

        var success = Assert.IsType<JobSucceeded>(outcome);
        Assert.Contains(success.Outputs, o => o.File.Filename == "trace_txt2img_00001_.png");
        Assert.DoesNotContain(snapshots.OfType<JobRunning>(), r => r.Steps > 0);
    }

    [Fact]
    public async Task DeletedPendingPrompt_IsLost()
    {
        var (outcome, snapshots) = await ReplayAsync("05_delete_pending", "b59d4c63-bdd5-44b8-a50b-2872af4f3228");

        Assert.IsType<JobLost>(outcome);
        var queued = Assert.IsType<JobQueued>(snapshots[0]);
        Assert.Equal((1, 1), (queued.Position, queued.Ahead));
    }

    [Fact]
    public async Task FrontPrompt_IsQueuedFirst()
    {
        var (_, snapshots) = await ReplayAsync("05_delete_pending", "476fae98-9b24-4e1c-a657-54a68dea59a5");

        // F1 was queued normally, then F2 was sent with front:true and jumps ahead of it.
        Assert.Contains(snapshots.OfType<JobQueued>(), q => q.Position == 2);
    }

    [Theory]
    [InlineData("921c05f6-c38f-46b2-8bd1-91e4d36bff1d", "1", "TraceSleep")]
    [InlineData("5628a734-36b3-4c24-8cc8-bff73ed84f95", "3", "KSampler")]
    public async Task InterruptedRun_IsInterruptedAtTheRunningNode(string promptId, string node, string classType)
    {
        var (outcome, _) = await ReplayAsync("06_interrupt", promptId);
        var interrupted = Assert.IsType<JobInterrupted>(outcome);
        Assert.Equal((node, classType), (interrupted.NodeId, interrupted.ClassType));
    }

    [Fact]
    public async Task RuntimeError_NamesNodeClassAndMessage()
    {
        var (outcome, _) = await ReplayAsync("08_runtime_error", "f5834718-dc9a-4d71-ad61-44bbaec2ff06");

        var failed = Assert.IsType<JobFailed>(outcome);
        Assert.Equal(("1", "TraceFail", "RuntimeError"), (failed.NodeId, failed.ClassType, failed.ExceptionType));
        Assert.Contains("trace: planned failure", failed.ExceptionMessage, StringComparison.Ordinal);
        Assert.Contains("TraceFail", failed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SocketDroppedMidRun_GapIsReconciled_AndProgressContinues()
    {
        var (outcome, snapshots) = await ReplayAsync("11_ws_reconnect", "03b30675-4ef7-4c6d-b3ee-02320f3aaf46");

        Assert.IsType<JobSucceeded>(outcome);
        var steps = snapshots.OfType<JobRunning>().Select(r => r.Step).ToList();
        Assert.Contains(2, steps);
        Assert.Contains(12, steps);
        Assert.DoesNotContain(3, steps);
    }

    private static Type Expected(JsonElement entry)
    {
        var status = entry.GetProperty("status");
        if (status.GetProperty("status_str").GetString() == "success")
        {
            return typeof(JobSucceeded);
        }

        var names = status.GetProperty("messages").EnumerateArray().Select(m => m[0].GetString()).ToList();
        return names.Contains("execution_interrupted") ? typeof(JobInterrupted) : typeof(JobFailed);
    }

    private static async Task<(JobOutcome Outcome, List<JobSnapshot> Snapshots)> ReplayAsync(string scenario, string promptId)
    {
        var replay = new TraceReplay(scenario, promptId);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));
        var client = new ComfyClient(ScriptedHttpHandler.Client(replay.Handler), new ComfyClientOptions { RetryBaseDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero }, time, NullLogger<ComfyClient>.Instance);
        await using var events = new ComfyEventStream(new Uri("http://comfy.test/"), replay.Client, new ComfyEventStreamOptions { ReconnectInitialDelay = TimeSpan.Zero, ReconnectMaxDelay = TimeSpan.Zero }, time, NullLogger.Instance, replay, () => 0.5);
        var tracker = new JobTracker(client, events, new JobTrackerOptions { HistoryRetryDelay = TimeSpan.Zero, QueuePollInterval = TimeSpan.Zero, WatchdogInterval = TimeSpan.FromMinutes(5) }, time, NullLogger<JobTracker>.Instance);

        replay.Paced = events.Subscribe(promptId);
        await using var job = tracker.Start(promptId, replay.Prompt, replay.Paced, null);
        await events.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var outcome = await job.Outcome.WaitAsync(TimeSpan.FromSeconds(30));
        var snapshots = new List<JobSnapshot>();
        await foreach (var snapshot in job.ReadSnapshotsAsync())
        {
            snapshots.Add(snapshot);
        }

        Assert.Equal(promptId, outcome.PromptId);
        return (outcome, snapshots);
    }
}

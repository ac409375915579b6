using ComfyBot.Comfy.Tests.Http;
using ComfyBot.Comfy.Tracking;
using ComfyBot.Testing;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Comfy.Tests.Tracking;

public sealed class PromptLookupTests
{
    private const string Success = """{"p-1":{"prompt":[3,"p-1",{},{},["9"]],"outputs":{},"status":{"status_str":"success","completed":true,"messages":[]}}}""";
    private const string Queue = """{"queue_running":[[2,"p-1",{"9":{"class_type":"SaveImage","inputs":{}}},{},[]]],"queue_pending":[]}""";

    private readonly TimerWatchingClock _time = new();
    private readonly JobTrackerOptions _options = new() { HistoryRetryDelay = TimeSpan.FromMilliseconds(100), HistoryRetryAttempts = 3 };

    // HTTP timeouts run on the real clock: moving the fake one must only end the lookup's own waits.
    private PromptLookup Lookup(ScriptedHttpHandler handler) => new(ClientFactory.Create(handler, 0), "p-1", _options, _time);

    [Fact]
    public async Task HistoryWithRetryAsync_EntryComesLate_IsReadAfterDoublingDelays()
    {
        var reads = 0;
        var lookup = Lookup(new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json(++reads < 3 ? "{}" : Success)));

        var entry = lookup.HistoryWithRetryAsync(CancellationToken.None);
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(100));
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(200));

        Assert.True((await entry.WaitAsync(HangGuard))!.IsSuccess);
        Assert.Equal(3, reads);
    }

    [Fact]
    public async Task HistoryWithRetryAsync_NeverWritten_IsNullAfterOneReadPerAttemptPlusTheFirst()
    {
        var handler = new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json("{}"));
        var entry = Lookup(handler).HistoryWithRetryAsync(CancellationToken.None);
        foreach (var ms in (int[])[100, 200, 400])
        {
            await _time.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(ms));
        }

        Assert.Null(await entry.WaitAsync(HangGuard));
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task QueueAsync_WithGraphOnlyWhenAsked()
    {
        var lookup = Lookup(new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json(Queue)));

        var (queue, graph) = await lookup.QueueAsync(withGraph: true, CancellationToken.None).WaitAsync(HangGuard);
        Assert.True(queue.IsRunning("p-1"));
        Assert.Equal("SaveImage", graph!["9"]!["class_type"]!.GetValue<string>());
        Assert.Null((await lookup.QueueAsync(withGraph: false, CancellationToken.None).WaitAsync(HangGuard)).Graph);
    }
}

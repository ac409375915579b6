using ComfyBot.Simulator.Tests.Support;
using ComfyBot.Testing.Traces;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>03_cached: an identical resubmission is fully cached; a seed change re-runs the sampler and downstream only.</summary>
public sealed class CachedScenarioTests
{
    [Fact]
    public async Task Resubmission_ThenSeedChange_SendRecordedMessages()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        await using var b = await SimSocket.ConnectAsync(sim, "B", metadata: true);
        var trace = TraceReader.Read("03_cached");

        // The recording follows 02's run of the same workflow.
        var warmMark = b.Count;
        var first = await Comfy.QueueAsync(http, Comfy.Workflow("txt2img"), "A");
        await a.WaitForDoneAsync(first);
        await b.WaitForAsync(r => r.Is("status") && (int)r.Data!["status"]!["exec_info"]!["queue_remaining"]! == 0, warmMark);
        int markA = a.Count, markB = b.Count;

        var cached = await Comfy.QueueAsync(http, Comfy.Workflow("txt2img"), "A");
        await a.WaitForDoneAsync(cached, markA);
        var reseeded = Comfy.Workflow("txt2img");
        reseeded["3"]!["inputs"]!["seed"] = 2;
        var second = await Comfy.QueueAsync(http, reseeded, "A");
        await a.WaitForDoneAsync(second, markA);
        await b.WaitForAsync(r => r.Is("status") && (int)r.Data!["status"]!["exec_info"]!["queue_remaining"]! == 0
            && b.Since(markB).Count(x => x.Is("status") && (int)x.Data!["status"]!["exec_info"]!["queue_remaining"]! == 0) >= 2, markB);

        Recorded.AssertSequence("03_cached", "A#4", a.Since(markA));
        Recorded.AssertSequence("03_cached", "B#1", b.Since(markB));
        Recorded.AssertShapes(a.Since(markA));

        var cachedNodes = a.Since(markA).Where(r => r.Is("execution_cached")).Select(r => r.Data!["nodes"]!.AsArray().Select(n => n!.ToString()).ToList()).ToList();
        Assert.Equal(["4", "5", "6", "7", "3", "8", "9", "10"], cachedNodes[0]);
        Assert.Equal(["4", "5", "6", "7"], cachedNodes[1]);

        // A cached SaveImage writes nothing new; the re-run writes the next counter.
        var cachedHistory = (await Comfy.GetJsonAsync(http, $"/history/{cached}"))![cached]!;
        var recordedCached = trace.First(r => r.Path?.StartsWith("/history/", StringComparison.Ordinal) == true).Json!.AsObject().First().Value;
        Recorded.AssertShape(recordedCached, cachedHistory, "history of a cached run");
        Assert.Equal("trace_txt2img_00001_.png", cachedHistory["outputs"]!["9"]!["images"]![0]!["filename"]!.ToString());
        var rerun = (await Comfy.GetJsonAsync(http, $"/history/{second}"))![second]!;
        Assert.Equal("trace_txt2img_00003_.png", rerun["outputs"]!["9"]!["images"]![0]!["filename"]!.ToString());
    }

    [Fact]
    public async Task FreeMemory_DropsCaches()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        var first = await Comfy.QueueAsync(http, Comfy.TraceSleep(2, "same"), "A");
        await a.WaitForDoneAsync(first);
        Assert.Equal(200, await Comfy.PostJsonAsync(http, "/free", new System.Text.Json.Nodes.JsonObject { ["unload_models"] = true, ["free_memory"] = true }));
        var second = await Comfy.QueueAsync(http, Comfy.TraceSleep(2, "same"), "A");
        await a.WaitForDoneAsync(second);
        Assert.Empty(a.Messages.Single(r => r.Is("execution_cached", second)).Data!["nodes"]!.AsArray());
    }
}

using ComfyBot.Simulator.Tests.Support;
using ComfyBot.Testing.Traces;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>04_queue: five prompts from A, B, C (no socket) and no client_id: who receives what, in which order.</summary>
public sealed class QueueRoutingScenarioTests
{
    [Fact]
    public async Task FivePrompts_FromABCAndNone_RouteAsRecorded()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        await using var b = await SimSocket.ConnectAsync(sim, "B", metadata: true);
        int markA = a.Count, markB = b.Count;
        var trace = TraceReader.Read("04_queue");

        sim.HoldSampling();
        var p1 = await Comfy.QueueAsync(http, Comfy.TraceSleep(6, "P1", preview: true), "A");
        await a.WaitForAsync(r => r.Is("executing", p1), markA);
        var p2 = await Comfy.QueueAsync(http, Comfy.TraceSleep(6, "P2", preview: true), "B");
        var p3 = await Comfy.QueueAsync(http, Comfy.TraceSleep(6, "P3", preview: true), "C");
        var p4 = await Comfy.QueueAsync(http, Comfy.TraceSleep(6, "P4", preview: true), "A");
        var p5 = await Comfy.QueueAsync(http, Comfy.TraceSleep(6, "P5", preview: true), null);

        var queue = await Comfy.GetJsonAsync(http, "/queue");
        Recorded.AssertShape(trace.First(r => r.Path == "/queue" && r.Json!["queue_pending"]!.AsArray().Count == 4).Json, queue, "GET /queue");
        Assert.Equal([p2, p3, p4, p5], queue!["queue_pending"]!.AsArray().Select(i => i![1]!.ToString()));
        Assert.Equal(5, (int)(await Comfy.GetJsonAsync(http, "/prompt"))!["exec_info"]!["queue_remaining"]!);

        sim.ReleaseSampling();
        await a.WaitForAsync(r => r.Is("status") && (int)r.Data!["status"]!["exec_info"]!["queue_remaining"]! == 0, markA);
        await b.WaitForAsync(r => r.Is("status") && (int)r.Data!["status"]!["exec_info"]!["queue_remaining"]! == 0, markB);

        Recorded.AssertSequence("04_queue", "A#1", a.Since(markA));
        Recorded.AssertSequence("04_queue", "B#1", b.Since(markB));
        Recorded.AssertShapes(a.Since(markA));
        Recorded.AssertShapes(b.Since(markB));

        // P3 belonged to C, which has no socket: nobody saw its progress. P5 had no client: everyone did.
        Assert.DoesNotContain(a.Since(markA), r => r.Data?["prompt_id"]?.ToString() == p3);
        Assert.Contains(b.Since(markB), r => r.Is("progress", p5));
        Assert.DoesNotContain(b.Since(markB), r => r.Is("execution_start", p5));

        var recordedIds = trace.First(t => t.Note == "prompt ids").Line["ids"]!;
        var mine = new Dictionary<string, string> { ["P1"] = p1, ["P2"] = p2, ["P3"] = p3, ["P4"] = p4, ["P5"] = p5 };
        foreach (var (label, id) in mine)
        {
            var recordedId = recordedIds[label]!.ToString();
            var expected = trace.First(r => r.Path == "/history/" + recordedId).Json![recordedId];
            var history = await Comfy.GetJsonAsync(http, $"/history/{id}");
            Recorded.AssertShape(expected, history![id], $"history of {label}");
        }
    }

    [Fact]
    public async Task Front_RunsBeforeNormal_AndNewestFrontFirst()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        sim.HoldSampling();
        var running = await Comfy.QueueAsync(http, Comfy.TraceSleep(2, "run"), "A");
        await a.WaitForAsync(r => r.Is("executing", running));
        var normal = await Comfy.QueueAsync(http, Comfy.TraceSleep(2, "normal"), "A");
        var front1 = await Comfy.QueueAsync(http, Comfy.TraceSleep(2, "front1"), "A", b => b["front"] = true);
        var front2 = await Comfy.QueueAsync(http, Comfy.TraceSleep(2, "front2"), "A", b => b["front"] = true);
        var (_, numbered) = await Comfy.PostPromptAsync(http, Comfy.TraceSleep(2, "numbered"), "A", b => b["number"] = -100);
        Assert.Equal(-100.0, (double)numbered["number"]!);
        sim.ReleaseSampling();
        await a.WaitForDoneAsync(normal);

        var starts = a.Messages.Where(r => r.Is("execution_start")).Select(r => r.Data!["prompt_id"]!.ToString()).ToList();
        Assert.Equal([running, numbered["prompt_id"]!.ToString(), front2, front1, normal], starts);
    }
}

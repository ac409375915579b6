using System.Text.Json.Nodes;
using ComfyBot.Simulator.Tests.Support;
using ComfyBot.Testing.Traces;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>06_interrupt: global interrupt, interrupt by prompt_id (matching and not), and a KSampler stopped mid-run.</summary>
public sealed class InterruptScenarioTests
{
    [Fact]
    public async Task Interrupts_SameRequests_SendRecordedMessages()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        await using var b = await SimSocket.ConnectAsync(sim, "B", metadata: true);
        var mark = a.Count;
        var trace = TraceReader.Read("06_interrupt");

        // K1: a global interrupt (no body) after the first step.
        sim.HoldSampling(afterSteps: 1);
        var k1 = await Comfy.QueueAsync(http, Comfy.TraceSleep(20, "K1"), "A");
        await a.WaitForAsync(r => r.Is("progress", k1), mark);
        Assert.Equal(200, await Comfy.PostJsonAsync(http, "/interrupt", null));
        await a.WaitForDoneAsync(k1, mark);

        // K2: a targeted interrupt of another id is ignored; one naming K2 stops it after step 3.
        sim.HoldSampling(afterSteps: 1);
        var k2 = await Comfy.QueueAsync(http, Comfy.TraceSleep(20, "K2"), "A");
        await a.WaitForAsync(r => r.Is("progress", k2), mark);
        Assert.Equal(200, await Comfy.PostJsonAsync(http, "/interrupt", new JsonObject { ["prompt_id"] = "00000000-0000-0000-0000-000000000000" }));
        sim.HoldSampling(afterSteps: 3);
        await a.WaitForAsync(r => r.Is("progress", k2) && (int)r.Data!["value"]! == 3, mark);
        Assert.Equal(200, await Comfy.PostJsonAsync(http, "/interrupt", new JsonObject { ["prompt_id"] = k2 }));
        await a.WaitForDoneAsync(k2, mark);

        // K3 is interrupted globally while K4 waits; K4 then runs normally (the flag is cleared at its start).
        sim.HoldSampling();
        var k3 = await Comfy.QueueAsync(http, Comfy.TraceSleep(20, "K3"), "A");
        await a.WaitForAsync(r => r.Is("executing", k3), mark);
        var k4 = await Comfy.QueueAsync(http, Comfy.TraceSleep(2, "K4"), "A");
        sim.HoldSampling(afterSteps: 1);
        await a.WaitForAsync(r => r.Is("progress", k3), mark);
        Assert.Equal(200, await Comfy.PostJsonAsync(http, "/interrupt", null));
        await a.WaitForDoneAsync(k3, mark);
        sim.ReleaseSampling();
        await a.WaitForDoneAsync(k4, mark);

        Recorded.AssertSequence("06_interrupt", "A#1", a.Since(mark));
        Recorded.AssertShapes(a.Since(mark));
        var interrupted = a.Since(mark).Where(r => r.Is("execution_interrupted")).Select(r => r.Data!["prompt_id"]!.ToString());
        Assert.Equal([k1, k2, k3], interrupted);

        var recordedK1 = trace.First(r => r.Note == "K1").Json!.AsObject().First().Value;
        foreach (var id in new[] { k1, k2, k3 })
        {
            var entry = (await Comfy.GetJsonAsync(http, $"/history/{id}"))![id];
            Recorded.AssertShape(recordedK1, entry, "interrupted history");
            Assert.Equal("error", entry!["status"]!["status_str"]!.ToString());
            Assert.False((bool)entry["status"]!["completed"]!);
        }

        Assert.Equal("success", (await Comfy.GetJsonAsync(http, $"/history/{k4}"))![k4]!["status"]!["status_str"]!.ToString());
    }

    [Fact]
    public async Task KSampler_InterruptedMidRun_ReportsExecutedNodes()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");

        // The recording ran after an img2img: only the checkpoint loader was cached.
        var warmup = Comfy.Workflow("txt2img");
        warmup["7"]!["inputs"]!["text"] = "blurry";
        var warm = await Comfy.QueueAsync(http, warmup, "A");
        await a.WaitForDoneAsync(warm);
        var mark = a.Count;
        sim.HoldSampling(afterSteps: 3);
        var k5 = await Comfy.QueueAsync(http, Comfy.Workflow("interrupt_ksampler"), "A");
        await a.WaitForAsync(r => r.Is("progress", k5) && (int)r.Data!["value"]! == 3, mark);
        Assert.Equal(200, await Comfy.PostJsonAsync(http, "/interrupt", new JsonObject { ["prompt_id"] = k5 }));
        await a.WaitForDoneAsync(k5, mark);

        Recorded.AssertSequence("06_interrupt", "A#4", a.Since(mark));
        Recorded.AssertShapes(a.Since(mark));
        var data = a.Since(mark).Single(r => r.Is("execution_interrupted")).Data!;
        Assert.Equal("3", data["node_id"]!.ToString());
        Assert.Equal("KSampler", data["node_type"]!.ToString());
        Assert.Equal(["5", "6", "7"], data["executed"]!.AsArray().Select(n => n!.ToString()));
    }

    [Fact]
    public async Task Interrupt_WhenIdle_DoesNotAffectNextPrompt()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        Assert.Equal(200, await Comfy.PostJsonAsync(http, "/interrupt", null));
        var id = await Comfy.QueueAsync(http, Comfy.TraceSleep(3, "after-idle-interrupt"), "A");
        await a.WaitForDoneAsync(id);
        Assert.Contains(a.Messages, r => r.Is("execution_success", id));
    }
}

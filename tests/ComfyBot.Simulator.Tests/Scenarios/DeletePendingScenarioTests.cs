using System.Text.Json.Nodes;
using ComfyBot.Simulator.Tests.Support;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>05_delete_pending: deleting pending and running prompts, front:true, and clear.</summary>
public sealed class DeletePendingScenarioTests
{
    [Fact]
    public async Task DeleteFrontClear_SameRequests_SendRecordedMessages()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        await using var b = await SimSocket.ConnectAsync(sim, "B", metadata: true);
        int markA = a.Count, markB = b.Count;

        // D1 runs, D2 is deleted while pending; deleting the running D1 or an unknown id does nothing.
        sim.HoldSampling();
        var d1 = await Comfy.QueueAsync(http, Comfy.TraceSleep(8, "D1"), "A");
        await a.WaitForAsync(r => r.Is("executing", d1), markA);
        var d2 = await Comfy.QueueAsync(http, Comfy.TraceSleep(8, "D2"), "A");
        Assert.Equal(200, await Comfy.PostJsonAsync(http, "/queue", new JsonObject { ["delete"] = new JsonArray(d2) }));
        Assert.Empty((await Comfy.GetJsonAsync(http, "/queue"))!["queue_pending"]!.AsArray());
        Assert.Equal(200, await Comfy.PostJsonAsync(http, "/queue", new JsonObject { ["delete"] = new JsonArray(d1) }));
        Assert.Equal(200, await Comfy.PostJsonAsync(http, "/queue", new JsonObject { ["delete"] = new JsonArray("00000000-0000-0000-0000-000000000000") }));
        Assert.Single((await Comfy.GetJsonAsync(http, "/queue"))!["queue_running"]!.AsArray());
        sim.ReleaseSampling();
        await a.WaitForDoneAsync(d1, markA);
        Assert.Empty((await Comfy.GetJsonAsync(http, $"/history/{d2}"))!.AsObject());

        // F2 with front:true overtakes F1.
        sim.HoldSampling();
        var f0 = await Comfy.QueueAsync(http, Comfy.TraceSleep(4, "F0"), "A");
        await a.WaitForAsync(r => r.Is("executing", f0), markA);
        var f1 = await Comfy.QueueAsync(http, Comfy.TraceSleep(2, "F1"), "A");
        var f2 = await Comfy.QueueAsync(http, Comfy.TraceSleep(2, "F2"), "A", body => body["front"] = true);
        sim.ReleaseSampling();
        await a.WaitForDoneAsync(f1, markA);
        var order = a.Since(markA).Where(r => r.Is("execution_start")).Select(r => r.Data!["prompt_id"]!.ToString()).ToList();
        Assert.Equal([d1, f0, f2, f1], order);

        // clear removes G1 and G2 but not the running G0.
        sim.HoldSampling();
        var g0 = await Comfy.QueueAsync(http, Comfy.TraceSleep(4, "G0"), "A");
        await a.WaitForAsync(r => r.Is("executing", g0), markA);
        var g1 = await Comfy.QueueAsync(http, Comfy.TraceSleep(2, "G1"), "A");
        var g2 = await Comfy.QueueAsync(http, Comfy.TraceSleep(2, "G2"), "A");
        Assert.Equal(200, await Comfy.PostJsonAsync(http, "/queue", new JsonObject { ["clear"] = true }));
        sim.ReleaseSampling();
        await a.WaitForDoneAsync(g0, markA);
        // B sees the queue empty three times: after D1, after F1 and after G0.
        await b.WaitForAsync(r => r.Is("status") && (int)r.Data!["status"]!["exec_info"]!["queue_remaining"]! == 0
            && b.Since(markB).Count(x => x.Is("status") && (int)x.Data!["status"]!["exec_info"]!["queue_remaining"]! == 0) >= 3, markB);
        Assert.Empty((await Comfy.GetJsonAsync(http, $"/history/{g1}"))!.AsObject());
        Assert.Empty((await Comfy.GetJsonAsync(http, $"/history/{g2}"))!.AsObject());

        Recorded.AssertSequence("05_delete_pending", "A#1", a.Since(markA));
        Recorded.AssertSequence("05_delete_pending", "B#1", b.Since(markB));
        Recorded.AssertShapes(a.Since(markA));
    }
}

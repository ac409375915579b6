using System.Text.Json.Nodes;
using ComfyBot.Simulator.Tests.Support;
using ComfyBot.Testing;

namespace ComfyBot.Simulator.Tests.Faults;

/// <summary>The fault controls: restart, socket drops, foreign jobs, history delay, speed, several instances.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Restart_LosesQueueHistoryAndCounter_KeepsOutputsAndPort()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        var done = await Comfy.QueueAsync(http, Comfy.Workflow("txt2img"), "A");
        await a.WaitForDoneAsync(done);
        sim.HoldSampling();
        var running = await Comfy.QueueAsync(http, Comfy.TraceSleep(4, "running"), "A");
        await a.WaitForAsync(r => r.Is("executing", running));
        await Comfy.QueueAsync(http, Comfy.TraceSleep(4, "pending"), "A");

        await sim.RestartAsync();

        // The socket is dropped: waiting on it ends with "closed", not a timeout.
        await Assert.ThrowsAsync<InvalidOperationException>(() => a.WaitForAsync(_ => false));
        var queue = await Comfy.GetJsonAsync(http, "/queue");
        Assert.Empty(queue!["queue_running"]!.AsArray());
        Assert.Empty(queue["queue_pending"]!.AsArray());
        Assert.Empty((await Comfy.GetJsonAsync(http, $"/history/{done}"))!.AsObject());
        Assert.Empty((await Comfy.GetJsonAsync(http, "/history"))!.AsObject());
        using (var output = await http.GetAsync("/view?filename=trace_txt2img_00001_.png&type=output"))
        {
            Assert.Equal(200, (int)output.StatusCode);
        }

        using (var temp = await http.GetAsync("/view?filename=" + Uri.EscapeDataString(TempFile(a)) + "&type=temp"))
        {
            Assert.Equal(404, (int)temp.StatusCode);
        }

        await using var again = await SimSocket.ConnectAsync(sim, "A");
        var (_, body) = await Comfy.PostPromptAsync(http, Comfy.Workflow("txt2img"), "A");
        Assert.Equal(0, (int)body["number"]!);
        await again.WaitForDoneAsync(body["prompt_id"]!.ToString());
        Assert.Empty(again.Messages.Single(r => r.Is("execution_cached")).Data!["nodes"]!.AsArray());
    }

    [Fact]
    public async Task DropWebSockets_OfOneClient_KeepsOthersAndState()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        await using var b = await SimSocket.ConnectAsync(sim, "B");
        sim.HoldSampling();
        var id = await Comfy.QueueAsync(http, Comfy.TraceSleep(3, "dropped"), "A");
        await a.WaitForAsync(r => r.Is("executing", id));

        Assert.Equal(1, sim.DropWebSockets("A"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => a.WaitForAsync(_ => false));
        Assert.False(b.Closed);
        await using var back = await SimSocket.ConnectAsync(sim, "A");
        var resumed = await back.WaitForAsync(r => r.Is("executing") && r.Data!["prompt_id"] is null);
        Assert.Equal("1", resumed.Data!["node"]!.ToString());
        sim.ReleaseSampling();
        await back.WaitForDoneAsync(id);
        Assert.Equal("success", (await Comfy.GetJsonAsync(http, $"/history/{id}"))![id]!["status"]!["status_str"]!.ToString());
        Assert.Equal(2, sim.DropWebSockets());
    }

    [Fact]
    public async Task Disconnect_Answers502AndDropsSockets_WhileTheWorkGoesOnBehindIt()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        sim.HoldSampling();
        var running = await Comfy.QueueAsync(http, Comfy.TraceSleep(3, "behind"), "A");
        await a.WaitForAsync(r => r.Is("executing", running));

        sim.Disconnect();

        await Assert.ThrowsAsync<InvalidOperationException>(() => a.WaitForAsync(_ => false));
        using (var refused = await http.GetAsync("/queue"))
        {
            Assert.Equal(502, (int)refused.StatusCode);
        }

        await Assert.ThrowsAnyAsync<Exception>(() => SimSocket.ConnectAsync(sim, "A"));
        sim.Reconnect();
        var queue = await Comfy.GetJsonAsync(http, "/queue");
        Assert.Equal(running, queue!["queue_running"]![0]![1]!.ToString());
        await using var back = await SimSocket.ConnectAsync(sim, "A");
        sim.ReleaseSampling();
        await back.WaitForDoneAsync(running);
    }

    [Fact]
    public async Task PrimitiveInt_LinkedToSteps_SetsTheSamplersSteps_AndViewIsRecorded()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        var prompt = Comfy.Workflow("txt2img");
        prompt["11"] = new JsonObject { ["class_type"] = "PrimitiveInt", ["inputs"] = new JsonObject { ["value"] = 3 } };
        prompt["3"]!["inputs"]!["steps"] = new JsonArray("11", 0);

        var id = await Comfy.QueueAsync(http, prompt, "A");
        await a.WaitForDoneAsync(id);

        var progress = a.Messages.Where(r => r.Is("progress")).ToList();
        Assert.Equal(3, progress.Count);
        Assert.All(progress, r => Assert.Equal(3, (int)r.Data!["max"]!));
        var saved = (await Comfy.GetJsonAsync(http, $"/history/{id}"))![id]!["outputs"]!["9"]!["images"]![0]!["filename"]!.ToString();
        Assert.DoesNotContain(saved, sim.ViewedFiles);
        using (var view = await http.GetAsync($"/view?filename={saved}&type=output"))
        {
            Assert.Equal(200, (int)view.StatusCode);
        }

        Assert.Equal([saved], sim.ViewedFiles);
    }

    [Fact]
    public async Task ForeignPrompt_RunsForAnotherClient_OthersSeeOnlyStatus()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        var mark = a.Count;
        var foreign = sim.EnqueueForeignPrompt(steps: 3);
        var mine = await Comfy.QueueAsync(http, Comfy.TraceSleep(1, "mine"), "A");
        await a.WaitForDoneAsync(mine, mark);

        Assert.DoesNotContain(a.Since(mark), r => r.Data?["prompt_id"]?.ToString() == foreign);
        var entry = (await Comfy.GetJsonAsync(http, $"/history/{foreign}"))![foreign]!;
        Assert.StartsWith("foreign-", entry["prompt"]![3]!["client_id"]!.ToString(), StringComparison.Ordinal);
        var starts = (await Comfy.GetJsonAsync(http, "/history"))!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal([foreign, mine], starts);
    }

    [Fact]
    public async Task HistoryWriteDelay_OpensTheHistoryRace()
    {
        var clock = new TimerWatchingClock();
        await using var sim = await Comfy.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.HistoryWriteDelay = TimeSpan.FromSeconds(5);
        });
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        var id = await Comfy.QueueAsync(http, Comfy.TraceSleep(1, "race"), "A");
        await a.WaitForAsync(r => r.Is("execution_success", id));
        Assert.Equal(TimeSpan.FromSeconds(5), await clock.NextTimerAsync());

        Assert.Empty((await Comfy.GetJsonAsync(http, $"/history/{id}"))!.AsObject());
        Assert.DoesNotContain(a.Messages, r => r.Is("executing", id) && r.Data!["node"] is null);
        clock.Advance(TimeSpan.FromSeconds(5));
        await a.WaitForDoneAsync(id);
        Assert.NotEmpty((await Comfy.GetJsonAsync(http, $"/history/{id}"))!.AsObject());
    }

    [Fact]
    public async Task StepsPerSecond_PacesEachStepOnTheInjectedClock()
    {
        var clock = new TimerWatchingClock();
        await using var sim = await Comfy.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.StepsPerSecond = 4;
        });
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        var id = await Comfy.QueueAsync(http, Comfy.TraceSleep(3, "paced"), "A");
        for (var step = 1; step <= 3; step++)
        {
            Assert.Equal(TimeSpan.FromSeconds(0.25), await clock.NextTimerAsync());
            Assert.Equal(step - 1, a.Messages.Count(r => r.Is("progress", id)));
            clock.Advance(TimeSpan.FromSeconds(0.25));
            await a.WaitForAsync(r => r.Is("progress", id) && (int)r.Data!["value"]! == step);
        }

        await a.WaitForDoneAsync(id);

        // Changed at run time: instant again.
        sim.StepsPerSecond = 0;
        var fast = await Comfy.QueueAsync(http, Comfy.TraceSleep(50, "instant"), "A");
        await a.WaitForDoneAsync(fast);
        Assert.Equal(50, a.Messages.Count(r => r.Is("progress", fast)));
    }

    [Fact]
    public async Task SeveralInstances_InOneProcess_AreIndependent()
    {
        await using var one = await Comfy.StartAsync();
        await using var two = await Comfy.StartAsync();
        Assert.NotEqual(one.Port, two.Port);
        using var http1 = Comfy.Http(one);
        using var http2 = Comfy.Http(two);
        one.HoldSampling();
        await Comfy.QueueAsync(http1, Comfy.TraceSleep(2, "one"), "A");

        Assert.Equal(1, (int)(await Comfy.GetJsonAsync(http1, "/prompt"))!["exec_info"]!["queue_remaining"]!);
        Assert.Equal(0, (int)(await Comfy.GetJsonAsync(http2, "/prompt"))!["exec_info"]!["queue_remaining"]!);
        var (_, body) = await Comfy.PostPromptAsync(http2, Comfy.TraceSleep(2, "two"), "A");
        Assert.Equal(0, (int)body["number"]!);
        one.ReleaseSampling();
    }

    [Fact]
    public async Task ControlRoutes_ChangeFaultsAtRunTime_AndRejectBadValues()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        Assert.Equal(200, await Comfy.PostJsonAsync(http, "/simulator/settings", new JsonObject { ["steps_per_second"] = 25, ["fail_node"] = "KSampler", ["history_write_delay_ms"] = 0, ["previews"] = false }));
        Assert.Equal(25, sim.StepsPerSecond);
        Assert.Equal("KSampler", sim.FailNode);
        Assert.False(sim.Previews);

        using var bad = await http.PostAsync("/simulator/settings", Comfy.Json(new JsonObject { ["steps_per_second"] = -1 }));
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("steps_per_second", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var foreign = await http.PostAsync("/simulator/foreign?steps=2", null);
        Assert.Equal(200, (int)foreign.StatusCode);
        using var restart = await http.PostAsync("/simulator/restart", null);
        Assert.Equal(200, (int)restart.StatusCode);
        Assert.Empty((await Comfy.GetJsonAsync(http, "/history"))!.AsObject());
    }

    [Fact]
    public async Task Options_Invalid_ThrowWithKeyAndFix()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ComfySimulator.StartAsync(new SimulatorOptions { Port = -2, StepsPerSecond = -1 }));
        Assert.Contains("Port", ex.Message, StringComparison.Ordinal);
        Assert.Contains("StepsPerSecond", ex.Message, StringComparison.Ordinal);
    }

    private static string TempFile(SimSocket socket) =>
        socket.Messages.First(r => r.Is("executed") && r.Data!["node"]!.ToString() == "10").Data!["output"]!["images"]![0]!["filename"]!.ToString();

    [Fact]
    public async Task InterruptIgnoresPromptId_StopsWhateverRuns_AsComfyUIBefore0357()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        sim.HoldSampling();
        var running = await Comfy.QueueAsync(http, Comfy.TraceSleep(4, "runs"), "A");
        await a.WaitForAsync(r => r.Is("executing", running));
        var waiting = await Comfy.QueueAsync(http, Comfy.TraceSleep(4, "waits"), "A");

        // A modern server ignores an interrupt aimed at a prompt that is not running.
        using (await http.PostAsync("/interrupt", new StringContent($"{{\"prompt_id\":\"{waiting}\"}}")))
        {
        }

        sim.InterruptIgnoresPromptId = true;
        using (await http.PostAsync("/interrupt", new StringContent($"{{\"prompt_id\":\"{waiting}\"}}")))
        {
        }

        await a.WaitForAsync(r => r.Is("execution_interrupted", running));
        Assert.Single(a.Messages, r => r.Is("execution_interrupted"));
    }

    [Fact]
    public async Task ViewAnswersHtml_ServesAPageInsteadOfTheFile()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        await a.WaitForDoneAsync(await Comfy.QueueAsync(http, Comfy.Workflow("txt2img"), "A"));
        sim.ViewAnswersHtml = true;

        using var answer = await http.GetAsync("/view?filename=trace_txt2img_00001_.png&type=output");

        Assert.Equal(200, (int)answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(sim.ViewedFiles);
    }
}

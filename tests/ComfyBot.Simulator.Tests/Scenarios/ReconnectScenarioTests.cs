using ComfyBot.Simulator.Tests.Support;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>11_ws_reconnect: a socket closed mid-run and reopened with the same clientId; two sockets on one clientId.</summary>
public sealed class ReconnectScenarioTests
{
    [Fact]
    public async Task Reconnect_AndOverlappingSockets_BehaveAsRecorded()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a1 = await SimSocket.ConnectAsync(sim, "A");
        await using var b = await SimSocket.ConnectAsync(sim, "B", metadata: true);
        int markA1 = a1.Count, markB = b.Count;

        // R1: A's socket closes after two steps and a new one with the same clientId picks up the run.
        sim.HoldSampling(afterSteps: 2);
        var r1 = await Comfy.QueueAsync(http, Comfy.TraceSleep(12, "R1", preview: true), "A");
        await a1.WaitForAsync(r => r.Is("progress", r1) && (int)r.Data!["value"]! == 2, markA1);
        await a1.CloseAsync();
        await WaitForClientsAsync(sim, 1);
        await using var a2 = await SimSocket.ConnectAsync(sim, "A");
        var resumed = await a2.WaitForAsync(r => r.Is("executing") && r.Data!["prompt_id"] is null);
        Assert.Equal("1", resumed.Data!["node"]!.ToString());
        sim.ReleaseSampling();
        await a2.WaitForDoneAsync(r1);

        // R2: a second socket for A takes over; when the older one closes, the server forgets A entirely.
        var markA2 = a2.Count;
        sim.HoldSampling(afterSteps: 2);
        var r2 = await Comfy.QueueAsync(http, Comfy.TraceSleep(12, "R2", preview: true), "A");
        await a2.WaitForAsync(r => r.Is("progress", r2) && (int)r.Data!["value"]! == 2, markA2);
        await using var a3 = await SimSocket.ConnectAsync(sim, "A");
        sim.HoldSampling(afterSteps: 4);
        await a3.WaitForAsync(r => r.Is("progress", r2) && (int)r.Data!["value"]! == 4);
        await a2.CloseAsync();
        await WaitForClientsAsync(sim, 1);
        sim.ReleaseSampling();
        await b.WaitForAsync(r => r.Is("status") && (int)r.Data!["status"]!["exec_info"]!["queue_remaining"]! == 0
            && b.Since(markB).Count(x => x.Is("status") && (int)x.Data!["status"]!["exec_info"]!["queue_remaining"]! == 0) >= 2, markB);
        var a3Count = a3.Count;
        await a3.CloseAsync();
        await using var a4 = await SimSocket.ConnectAsync(sim, "A");

        Recorded.AssertSequence("11_ws_reconnect", "A#1", a1.Since(markA1));
        Recorded.AssertSequence("11_ws_reconnect", "A#2", a2.Messages);
        Recorded.AssertSequence("11_ws_reconnect", "A#3", a3.Messages.Take(a3Count));
        Recorded.AssertSequence("11_ws_reconnect", "A#4", a4.Messages);
        Recorded.AssertSequence("11_ws_reconnect", "B#1", b.Since(markB));
        Recorded.AssertShapes([.. a1.Messages, .. a2.Messages, .. a3.Messages, .. a4.Messages]);
        Assert.Equal("success", (await Comfy.GetJsonAsync(http, $"/history/{r2}"))![r2]!["status"]!["status_str"]!.ToString());
    }

    /// <summary>The server unregisters a closed socket on its own schedule; wait for it rather than race it.</summary>
    internal static async Task WaitForClientsAsync(ComfySimulator sim, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await sim.Runtime.Hub.WaitForCountAsync(n => n == count, timeout.Token);
    }
}

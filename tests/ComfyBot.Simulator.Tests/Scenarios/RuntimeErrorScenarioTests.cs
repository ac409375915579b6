using ComfyBot.Simulator.Tests.Support;
using ComfyBot.Testing.Traces;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>08_runtime_error: TraceFail raising at run time, and the configurable fail node doing the same.</summary>
public sealed class RuntimeErrorScenarioTests
{
    [Fact]
    public async Task TraceFail_SameRequests_SendRecordedErrorAndHistory()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        await using var b = await SimSocket.ConnectAsync(sim, "B", metadata: true);
        var mark = a.Count;
        var trace = TraceReader.Read("08_runtime_error");

        var first = await Comfy.QueueAsync(http, Comfy.Workflow("fail"), "A");
        await a.WaitForDoneAsync(first, mark);
        var firstHistory = await Comfy.GetJsonAsync(http, $"/history/{first}");
        var second = await Comfy.QueueAsync(http, new() { ["1"] = new System.Text.Json.Nodes.JsonObject { ["class_type"] = "TraceFail", ["inputs"] = new System.Text.Json.Nodes.JsonObject { ["message"] = "trace: planned failure" } } }, "A");
        await a.WaitForDoneAsync(second, mark);

        Recorded.AssertSequence("08_runtime_error", "A#1", a.Since(mark));
        Recorded.AssertShapes(a.Since(mark));
        var recordedHistory = trace.Where(r => r.Path?.StartsWith("/history/", StringComparison.Ordinal) == true).Select(r => r.Json!.AsObject().First().Value).ToList();
        Recorded.AssertShape(recordedHistory[0], firstHistory![first], "history after error");
        Recorded.AssertShape(recordedHistory[1], (await Comfy.GetJsonAsync(http, $"/history/{second}"))![second], "history of a lone failing node");

        var error = a.Since(mark).First(r => r.Is("execution_error", first)).Data!;
        Assert.Equal("2", error["node_id"]!.ToString());
        Assert.Equal("trace: planned failure\n", error["exception_message"]!.ToString());
        Assert.Equal("RuntimeError", error["exception_type"]!.ToString());
        Assert.Equal(1, (int)error["current_inputs"]!["value"]![0]!);
    }

    [Theory]
    [InlineData("KSampler")]
    [InlineData("3")]
    public async Task FailNode_ByClassOrId_GivesExecutionErrorAtThatNode(string failNode)
    {
        await using var sim = await Comfy.StartAsync(o => o.FailNode = failNode);
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        var id = await Comfy.QueueAsync(http, Comfy.Workflow("txt2img"), "A");
        await a.WaitForDoneAsync(id);

        Recorded.AssertShapes(a.Messages);
        var error = a.Messages.Single(r => r.Is("execution_error", id)).Data!;
        Assert.Equal("3", error["node_id"]!.ToString());
        Assert.Equal("KSampler", error["node_type"]!.ToString());
        Assert.DoesNotContain(a.Messages, r => r.Is("executed", id));
        var entry = (await Comfy.GetJsonAsync(http, $"/history/{id}"))![id]!;
        Assert.Equal("error", entry["status"]!["status_str"]!.ToString());

        // Cleared at run time, the same workflow now succeeds.
        sim.FailNode = null;
        var again = await Comfy.QueueAsync(http, Comfy.Workflow("txt2img"), "A");
        await a.WaitForDoneAsync(again);
        Assert.Contains(a.Messages, r => r.Is("execution_success", again));
    }
}

using System.Text.Json.Nodes;
using ComfyBot.Simulator.Execution;
using ComfyBot.Simulator.Tests.Support;
using ComfyBot.Simulator.Validation;

namespace ComfyBot.Simulator.Tests.Execution;

public sealed class ExecutionListTests
{
    private static readonly NodeCatalog Catalog = NodeCatalog.LoadEmbedded();

    private static List<string> Order(JsonObject prompt, IReadOnlyList<string> outputs, params string[] cached)
    {
        var list = new ExecutionList(prompt, id => cached.Contains(id), Catalog);
        foreach (var output in outputs)
        {
            list.AddNode(output);
        }

        var order = new List<string>();
        while (list.Next() is { } next)
        {
            order.Add(next);
            list.Complete(next);
        }

        return order;
    }

    [Fact]
    public void Txt2Img_RunsInTheRecordedOrder() =>
        Assert.Equal(["4", "5", "7", "6", "3", "8", "10", "9"], Order(Comfy.Workflow("txt2img"), ["10", "9"]));

    [Fact]
    public void Img2Img_WithCachedCheckpoint_RunsInTheRecordedOrder() =>
        Assert.Equal(["1", "5", "4", "3", "6", "7", "8"], Order(Comfy.Workflow("img2img"), ["8"], "2"));

    [Fact]
    public void CachedOutputs_AreStillVisited_CachedInnerNodesAreNot() =>
        Assert.Equal(["10", "9"], Order(Comfy.Workflow("txt2img"), ["10", "9"], "4", "5", "6", "7", "3", "8", "9", "10"));

    [Fact]
    public void Cycle_IsReported()
    {
        var prompt = Comfy.TraceSleep(1, "a");
        prompt["1"]!["inputs"]!["value"] = new JsonArray("2", 0);
        prompt["2"] = new JsonObject { ["class_type"] = "TraceSleep", ["inputs"] = new JsonObject { ["seconds"] = 1.0, ["steps"] = 1, ["preview"] = false, ["tag"] = "b", ["value"] = new JsonArray("1", 0) } };
        Assert.Throws<InvalidOperationException>(() => Order(prompt, ["1"]));
    }
}

using System.Text.Json.Nodes;
using ComfyBot.Comfy.Tracking;

namespace ComfyBot.Comfy.Tests.Tracking;

public sealed class RunProgressTests
{
    private static PromptGraph Graph(int nodes)
    {
        var prompt = new JsonObject();
        for (var i = 1; i <= nodes; i++)
        {
            prompt[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject { ["class_type"] = "Node", ["inputs"] = new JsonObject() };
        }

        return new PromptGraph(prompt);
    }

    [Fact]
    public void Snapshot_CountsCachedAndEarlierStartedNodesAsDone_PlusTheRunningNodesStep()
    {
        var progress = new RunProgress();
        progress.Cached(["1"]);
        progress.StartNode("2");
        Assert.True(progress.Step("3", 1, 4));

        // Of 4 nodes: 1 cached, 1 started earlier, and a quarter of node 3.
        var snapshot = progress.Snapshot("p", Graph(4));
        Assert.Equal(("3", 1, 4), (snapshot.NodeId, snapshot.Step, snapshot.Steps));
        Assert.Equal(2.25 / 4, snapshot.Progress, 6);
        Assert.True(progress.Running);
    }

    [Fact]
    public void Step_OnceTypeOnePreviewsCame_IsHeldForItsPreview()
    {
        var progress = new RunProgress();
        progress.Previews.Behind(new PreviewImage(new byte[] { 1 }, "image/jpeg"));
        Assert.False(progress.Step("3", 2, 4));
        Assert.Equal(2, progress.Snapshot("p", Graph(1)).Step);
    }

    [Fact]
    public void Snapshot_WithoutAGraph_IsTheStepFractionAlone()
    {
        var progress = new RunProgress();
        progress.StartNode("7");
        progress.Step(null, 3, 4);
        Assert.Equal(0.75, progress.Snapshot("p", new PromptGraph(null)).Progress, 6);
    }

    [Fact]
    public void StartNode_AgainOrAnotherNode_ResetsTheStepButCountsEachNodeOnce()
    {
        var progress = new RunProgress();
        progress.Step("1", 2, 2);
        progress.StartNode("1");
        var snapshot = progress.Snapshot("p", Graph(2));
        Assert.Equal((0, 0, 0d), (snapshot.Step, snapshot.Steps, snapshot.Progress));
    }

    [Fact]
    public void AddOutputs_SameFileTwice_IsListedOnce_AndOutputsIsACopy()
    {
        var progress = new RunProgress();
        var file = new OutputFile("9", "images", new ComfyFile("a.png", string.Empty, "output"));
        progress.AddOutputs([file]);
        var outputs = progress.Outputs;
        progress.AddOutputs([file, file with { NodeId = "10" }]);

        Assert.Single(outputs);
        Assert.Equal(2, progress.Outputs.Count);
        Assert.True(progress.Running);
    }
}

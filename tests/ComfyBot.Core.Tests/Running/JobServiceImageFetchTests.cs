using System.Text.Json.Nodes;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Tests.Backends;
using ComfyBot.Core.Workflows;
using ComfyBot.Testing;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceImageFetchTests
{
    [Fact]
    public async Task An_image_is_fetched_when_its_executed_event_arrives_not_only_when_the_run_ends()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = new WorkflowCatalog([new WorkflowDefinition("two-pass", TwoPass())]);

        // The first pass (4 steps) saves its image; the second (8 steps) is held halfway, so the run is not over.
        rig.Simulator.HoldSampling(afterSteps: 4);
        await rig.StartServiceAsync();
        var job = await rig.SubmitAsync(1, workflow: "two-pass", parameters: WorkflowParameters.None with { Batch = 1 });
        await rig.WaitForTextAsync(job.Id, t => t.Contains("step 4/8", StringComparison.Ordinal));

        var first = await Polling.UntilAsync(() => rig.Simulator.ViewedFiles.FirstOrDefault(f => f.StartsWith("first", StringComparison.Ordinal)));
        Assert.DoesNotContain(rig.Simulator.ViewedFiles, f => f.StartsWith("second", StringComparison.Ordinal));

        rig.Simulator.ReleaseSampling();
        var final = await rig.WaitForFinalAsync(job.Id);

        Assert.StartsWith("✅ Done: 2 images", final.Text, StringComparison.Ordinal);
        Assert.Equal([first, "second_00001_.png"], final.Images.Select(i => i.FileName));

        // Fetched once each: the one fetched early is not fetched again at the end.
        Assert.Single(rig.Simulator.ViewedFiles, f => f == first);
    }

    /// <summary>txt2img with a second pass after the first image is saved: sampler (steps from a PrimitiveInt, so the
    /// steps option leaves it alone), decode, save.</summary>
    private static WorkflowTemplate TwoPass()
    {
        var graph = JsonNode.Parse(File.ReadAllText(RepositoryFixtures.FixturePath("comfy", "workflows", "txt2img.json")))!.AsObject();
        graph["9"]!["inputs"]!["filename_prefix"] = "first";
        graph.Remove("10");
        var second = graph["3"]!.DeepClone().AsObject();
        second["inputs"]!["latent_image"] = new JsonArray("3", 0);
        second["inputs"]!["steps"] = new JsonArray("11", 0);
        second["inputs"]!["denoise"] = 0.5;
        graph["11"] = new JsonObject { ["class_type"] = "PrimitiveInt", ["inputs"] = new JsonObject { ["value"] = 8 } };
        graph["12"] = second;
        graph["13"] = new JsonObject { ["class_type"] = "VAEDecode", ["inputs"] = new JsonObject { ["samples"] = new JsonArray("12", 0), ["vae"] = new JsonArray("4", 2) } };
        graph["14"] = new JsonObject { ["class_type"] = "SaveImage", ["inputs"] = new JsonObject { ["images"] = new JsonArray("13", 0), ["filename_prefix"] = "second" } };
        return WorkflowTemplate.Parse(graph.ToJsonString(), new WorkflowTemplateOptions { Name = "two-pass" });
    }
}

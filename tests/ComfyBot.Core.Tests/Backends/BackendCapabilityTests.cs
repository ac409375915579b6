using System.Text.Json.Nodes;
using ComfyBot.Comfy.Templates;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Backends;

public sealed class BackendCapabilityTests
{
    [Fact]
    public async Task A_backend_whose_catalogue_is_unknown_runs_nothing()
    {
        await using var simulator = await BackendRig.SimulatorAsync();
        await using var backend = BackendRig.For(simulator);

        Assert.False(backend.CanRun(TemplateFixtures.Load("txt2img.json")));
        Assert.Null(backend.Check(TemplateFixtures.Load("txt2img.json")));
    }

    [Fact]
    public async Task A_template_runs_only_where_its_classes_and_models_exist()
    {
        await using var simulator = await BackendRig.SimulatorAsync();
        var time = new FakeTimeProvider();
        await using var backend = BackendRig.For(simulator, time);
        await using var monitor = BackendRig.Monitor(time, backend);
        await monitor.PollOnceAsync();

        var txt2img = TemplateFixtures.Load("txt2img.json");
        var custom = WithNode(txt2img, "90", "FancyUpscalerThatIsNotInstalled");
        var missingModel = WithCheckpoint(txt2img, "not_on_this_server.safetensors");

        Assert.True(backend.CanRun(txt2img));
        Assert.Empty(backend.Check(txt2img)!);
        Assert.False(backend.CanRun(custom));
        Assert.Contains(backend.Check(custom)!, p => p.ClassType == "FancyUpscalerThatIsNotInstalled");
        Assert.False(backend.CanRun(missingModel));
        Assert.Contains(backend.Check(missingModel)!, p => p.Message.Contains("not_on_this_server.safetensors", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verdicts_are_cached_per_template_until_the_catalogue_is_read_again()
    {
        await using var simulator = await BackendRig.SimulatorAsync();
        var time = new FakeTimeProvider();
        await using var backend = BackendRig.For(simulator, time);
        await using var monitor = BackendRig.Monitor(time, backend);
        await monitor.PollOnceAsync();
        var template = WithNode(TemplateFixtures.Load("txt2img.json"), "90", "NotInstalled");

        var first = backend.Check(template);
        Assert.Same(first, backend.Check(template));

        time.Advance(new ComfyBot.Core.Backends.BackendMonitorOptions().CatalogueRefreshInterval);
        await monitor.PollOnceAsync();

        Assert.Equal(2, backend.Health.CatalogueVersion);
        var second = backend.Check(template);
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
    }

    internal static WorkflowTemplate WithNode(WorkflowTemplate template, string id, string classType)
    {
        var graph = template.ToJsonObject();
        graph[id] = new JsonObject { ["class_type"] = classType, ["inputs"] = new JsonObject { ["images"] = new JsonArray("9", 0) } };
        return WorkflowTemplate.Parse(graph.ToJsonString(), new WorkflowTemplateOptions { Name = template.Name + "+" + classType });
    }

    internal static WorkflowTemplate WithCheckpoint(WorkflowTemplate template, string checkpoint)
    {
        var graph = template.ToJsonObject();
        foreach (var (_, node) in graph)
        {
            if (node?["inputs"]?["ckpt_name"] is not null)
            {
                node["inputs"]!["ckpt_name"] = checkpoint;
            }
        }

        return WorkflowTemplate.Parse(graph.ToJsonString(), new WorkflowTemplateOptions { Name = template.Name + "+" + checkpoint });
    }
}

using ComfyBot.Comfy.Templates;
using ComfyBot.Comfy.Tests.Nodes;

namespace ComfyBot.Comfy.Tests.Templates;

public sealed class ParameterSpecsTests
{
    [Fact]
    public async Task DescribeParameters_GivesTheCataloguesBoundsAndTheTemplatesValues()
    {
        var template = await TestTemplates.Ours("sd15_txt2img.json");

        var specs = template.DescribeParameters(RecordedCatalog.Instance).ToDictionary(s => s.Parameter);

        Assert.Equal((1m, 10000m, 20), (specs[WorkflowParameter.Steps].Minimum!.Value, specs[WorkflowParameter.Steps].Maximum!.Value, specs[WorkflowParameter.Steps].TemplateValue!.Value.GetInt32()));
        Assert.Equal((0m, 18446744073709551615m), (specs[WorkflowParameter.Seed].Minimum!.Value, specs[WorkflowParameter.Seed].Maximum!.Value));
        Assert.Equal((16m, 16384m, 8m), (specs[WorkflowParameter.Width].Minimum!.Value, specs[WorkflowParameter.Width].Maximum!.Value, specs[WorkflowParameter.Width].Step!.Value));
        Assert.Contains("karras", specs[WorkflowParameter.Scheduler].Choices!);
        Assert.Equal(["trace_sd15_random.safetensors"], specs[WorkflowParameter.Checkpoint].Choices);
        Assert.Null(specs[WorkflowParameter.Prompt].Choices);
        Assert.Equal("a lighthouse at dusk, oil painting", specs[WorkflowParameter.Prompt].TemplateValue!.Value.GetString());
        Assert.False(specs[WorkflowParameter.Prompt].IsRequired);
    }

    [Fact]
    public async Task DescribeParameters_ModelLists_ReplaceTheCataloguesChoices()
    {
        var template = await TestTemplates.Ours("sd15_txt2img.json");
        var models = new Dictionary<string, IReadOnlyList<string>> { ["checkpoints"] = ["a.safetensors", "b.safetensors"] };

        var checkpoint = template.DescribeParameters(RecordedCatalog.Instance, models).Single(s => s.Parameter == WorkflowParameter.Checkpoint);

        Assert.Equal(["a.safetensors", "b.safetensors"], checkpoint.Choices);
    }

    [Fact]
    public async Task DescribeParameters_Placeholders_AreRequiredAndHaveNoTemplateValue()
    {
        var template = await TestTemplates.Ours("placeholders.json");

        var prompt = template.DescribeParameters(RecordedCatalog.Instance).Single(s => s.Parameter == WorkflowParameter.Prompt);

        Assert.True(prompt.IsRequired);
        Assert.Null(prompt.TemplateValue);
    }
}

using System.Text.Json.Nodes;
using ComfyBot.Comfy.Templates;

namespace ComfyBot.Comfy.Tests.Templates;

/// <summary>The byte-level renderer must agree with the obvious semantics: clone the template, set each bound input.</summary>
public sealed class WorkflowTemplateReferenceRenderTests
{
    [Theory]
    [InlineData("sd15_txt2img.json")]
    [InlineData("sdxl_base_refiner.json")]
    [InlineData("custom_sampler.json")]
    [InlineData("img2img.json")]
    [InlineData("placeholders.json")]
    [InlineData("hires_regional_30.json")]
    public async Task Render_MatchesSettingEachBoundInputOnACloneOfTheTemplate(string file)
    {
        var template = await TestTemplates.Ours(file);
        var all = new WorkflowParameters
        {
            Prompt = "p \"q\"", Negative = "n", Seed = 18446744073709551615, Width = 640, Height = 448, Batch = 3, Steps = 17, Cfg = 5.25,
            Sampler = "heun", Scheduler = "beta", Checkpoint = "c.safetensors", Denoise = 0.55, Image = "i.png",
        };
        var parameters = Enum.GetValues<WorkflowParameter>().Where(p => !template.Accepts(p)).Aggregate(all, Unset);
        var expected = template.ToJsonObject();
        foreach (var binding in template.Bindings)
        {
            foreach (var input in binding.Inputs)
            {
                expected[input.NodeId]!["inputs"]![input.InputName] = Value(parameters, binding.Parameter);
            }
        }

        var rendered = template.Render(parameters).ToJsonObject();

        Assert.True(JsonNode.DeepEquals(expected, rendered), $"expected {expected.ToJsonString()}\nrendered {rendered.ToJsonString()}");
    }

    private static WorkflowParameters Unset(WorkflowParameters parameters, WorkflowParameter parameter) => parameter switch
    {
        WorkflowParameter.Prompt => parameters with { Prompt = null },
        WorkflowParameter.Negative => parameters with { Negative = null },
        WorkflowParameter.Seed => parameters with { Seed = null },
        WorkflowParameter.Width => parameters with { Width = null },
        WorkflowParameter.Height => parameters with { Height = null },
        WorkflowParameter.Batch => parameters with { Batch = null },
        WorkflowParameter.Steps => parameters with { Steps = null },
        WorkflowParameter.Cfg => parameters with { Cfg = null },
        WorkflowParameter.Sampler => parameters with { Sampler = null },
        WorkflowParameter.Scheduler => parameters with { Scheduler = null },
        WorkflowParameter.Checkpoint => parameters with { Checkpoint = null },
        WorkflowParameter.Denoise => parameters with { Denoise = null },
        WorkflowParameter.Image => parameters with { Image = null },
        _ => parameters,
    };

    private static JsonNode? Value(WorkflowParameters parameters, WorkflowParameter parameter) => parameter switch
    {
        WorkflowParameter.Prompt => parameters.Prompt,
        WorkflowParameter.Negative => parameters.Negative,
        WorkflowParameter.Seed => parameters.Seed,
        WorkflowParameter.Width => parameters.Width,
        WorkflowParameter.Height => parameters.Height,
        WorkflowParameter.Batch => parameters.Batch,
        WorkflowParameter.Steps => parameters.Steps,
        WorkflowParameter.Cfg => parameters.Cfg,
        WorkflowParameter.Sampler => parameters.Sampler,
        WorkflowParameter.Scheduler => parameters.Scheduler,
        WorkflowParameter.Checkpoint => parameters.Checkpoint,
        WorkflowParameter.Denoise => parameters.Denoise,
        WorkflowParameter.Image => parameters.Image,
        _ => null,
    };
}

using ComfyBot.Comfy.Templates;
using ComfyBot.Comfy.Tests.Nodes;
using ComfyBot.Testing;

namespace ComfyBot.Comfy.Tests.Templates;

/// <summary>
/// The ready templates under templates/ are what a new server admin runs first: each must load, bind the
/// parameters its README promises, and be accepted by a real ComfyUI once its model files are there.
/// </summary>
public sealed class ShippedTemplatesTests
{
    public static TheoryData<string, WorkflowParameter[]> Templates => new()
    {
        { "sd15-txt2img.json", [WorkflowParameter.Prompt, WorkflowParameter.Negative, WorkflowParameter.Seed, WorkflowParameter.Width, WorkflowParameter.Height, WorkflowParameter.Batch, WorkflowParameter.Steps, WorkflowParameter.Cfg, WorkflowParameter.Checkpoint] },
        { "sdxl-txt2img.json", [WorkflowParameter.Prompt, WorkflowParameter.Negative, WorkflowParameter.Seed, WorkflowParameter.Width, WorkflowParameter.Height, WorkflowParameter.Batch, WorkflowParameter.Steps, WorkflowParameter.Cfg, WorkflowParameter.Checkpoint] },
        { "img2img.json", [WorkflowParameter.Prompt, WorkflowParameter.Negative, WorkflowParameter.Seed, WorkflowParameter.Steps, WorkflowParameter.Cfg, WorkflowParameter.Denoise, WorkflowParameter.Image] },
        { "upscale-2x.json", [WorkflowParameter.Prompt, WorkflowParameter.Negative, WorkflowParameter.Seed, WorkflowParameter.Steps, WorkflowParameter.Denoise, WorkflowParameter.Image] },
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task ShippedTemplate_BindsWhatItsReadmePromises(string file, WorkflowParameter[] expected)
    {
        var template = await LoadAsync(file);

        foreach (var parameter in expected)
        {
            Assert.True(template.Accepts(parameter), $"templates/{file} should bind {parameter}; it binds {string.Join(", ", template.Bindings.Select(b => b.Name))}.");
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task ShippedTemplate_IsAcceptedByTheRecordedServer_GivenItsModelFiles(string file, WorkflowParameter[] expected)
    {
        _ = expected;
        var template = await LoadAsync(file);
        var checkpoint = template.ToJsonObject()
            .Select(node => node.Value!["inputs"]!["ckpt_name"]?.GetValue<string>())
            .Single(name => name is not null)!;
        var models = new Dictionary<string, IReadOnlyList<string>> { ["checkpoints"] = [checkpoint] };

        var problems = template.Validate(RecordedCatalog.Instance, models);

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task ShippedTemplate_WithoutItsCheckpoint_NamesTheMissingModelAndTheFix(string file, WorkflowParameter[] expected)
    {
        _ = expected;
        var template = await LoadAsync(file);
        var models = new Dictionary<string, IReadOnlyList<string>> { ["checkpoints"] = ["some_other_model.safetensors"] };

        var problem = Assert.Single(template.Validate(RecordedCatalog.Instance, models));

        Assert.Equal("ckpt_name", problem.InputName);
        Assert.Contains("safetensors", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task ShippedTemplate_RendersAMemberRequest(string file, WorkflowParameter[] expected)
    {
        _ = expected;
        var template = await LoadAsync(file);
        var parameters = new WorkflowParameters { Prompt = "a red fox in snow", Seed = 42, Image = template.Accepts(WorkflowParameter.Image) ? "fox.png" : null };

        var rendered = template.Render(parameters);

        var json = System.Text.Encoding.UTF8.GetString(rendered.Utf8Json.Span);
        Assert.Contains("a red fox in snow", json, StringComparison.Ordinal);
        Assert.Equal(42UL, rendered.Seed);
    }

    [Fact]
    public async Task ShippedLoraTemplate_BindsTheLoraAndItsStrength_AndIsAcceptedGivenItsFiles()
    {
        var template = await LoadAsync("sd15-lora-txt2img.json");
        var models = new Dictionary<string, IReadOnlyList<string>>
        {
            ["checkpoints"] = ["v1-5-pruned-emaonly.safetensors"],
            ["loras"] = ["add_detail.safetensors"],
        };

        Assert.Equal(["10.inputs.lora_name"], template.Paths(WorkflowParameter.Lora));
        Assert.Equal(["10.inputs.strength_model", "10.inputs.strength_clip"], template.Paths(WorkflowParameter.LoraStrength));
        Assert.Equal(["4.inputs.ckpt_name"], template.Paths(WorkflowParameter.Checkpoint));
        Assert.Empty(template.Validate(RecordedCatalog.Instance, models));
        var problem = Assert.Single(template.Validate(RecordedCatalog.Instance, new Dictionary<string, IReadOnlyList<string>> { ["checkpoints"] = models["checkpoints"], ["loras"] = [] }));
        Assert.Equal("lora_name", problem.InputName);
    }

    private static Task<WorkflowTemplate> LoadAsync(string file) =>
        WorkflowTemplate.LoadAsync(Path.Combine(RepositoryFixtures.RootDirectory, "templates", file));
}

using ComfyBot.Comfy.Templates;
using ComfyBot.Comfy.Tests.Nodes;

namespace ComfyBot.Comfy.Tests.Templates;

public sealed class PromptValidatorTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Models = new()
    {
        ["checkpoints"] = ["trace_sd15_random.safetensors", "sdxl/sd_xl_base_1.0.safetensors"],
    };

    [Theory]
    [InlineData("sd15_txt2img.json")]
    [InlineData("sdxl_base_refiner.json")]
    [InlineData("custom_sampler.json")]
    [InlineData("img2img.json")]
    [InlineData("placeholders.json")]
    [InlineData("hires_regional_30.json")]
    public async Task Validate_OurWorkflows_AreValidOnTheRecordedServer(string file)
    {
        var template = await TestTemplates.Ours(file);

        Assert.Empty(template.Validate(RecordedCatalog.Instance));
    }

    [Theory]
    [InlineData("txt2img.json")]
    [InlineData("img2img.json")]
    [InlineData("interrupt_ksampler.json")]
    [InlineData("sleep.json")]
    [InlineData("fail.json")]
    [InlineData("ws_image.json")]
    public async Task Validate_RecordedWorkflows_AreValidOnTheirServer(string file)
    {
        var template = await TestTemplates.Recorded(file);

        Assert.Empty(template.Validate(RecordedCatalog.Instance));
    }

    [Fact]
    public async Task Validate_RenderedPlaceholders_ChecksTheValuesThatWereFilledIn()
    {
        var template = await TestTemplates.Ours("placeholders.json");
        var rendered = template.Render(new WorkflowParameters
        {
            Prompt = "a cat", Negative = "blurry", Width = 512, Height = 20000, Steps = 20000,
        });

        var problems = template.Validate(RecordedCatalog.Instance, rendered);

        Assert.Contains(problems, p => p is { NodeId: "3", InputName: "steps" }
            && p.Message == "steps 20000 is above the maximum 10000" && p.Fix == "use a value from 1 to 10000");
        Assert.Contains(problems, p => p is { NodeId: "5", InputName: "height" } && p.Message.Contains("above the maximum 16384", StringComparison.Ordinal));
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public async Task Validate_MissingCheckpoint_ListsWhatTheServerHas()
    {
        var template = await TestTemplates.Ours("sd15_txt2img.json");
        var rendered = template.Render(new WorkflowParameters { Checkpoint = "x.safetensors" });

        var problem = Assert.Single(template.Validate(RecordedCatalog.Instance, rendered));

        Assert.Equal(("4", "CheckpointLoaderSimple", "ckpt_name"), (problem.NodeId, problem.ClassType, problem.InputName));
        Assert.Equal("ckpt_name 'x.safetensors' is not on the server; available: trace_sd15_random.safetensors", problem.Message);
        Assert.Contains("models/checkpoints", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ModelListFromTheServer_AcceptsFilesTheCatalogueDoesNotList()
    {
        var template = await TestTemplates.Ours("sd15_txt2img.json");
        var rendered = template.Render(new WorkflowParameters { Checkpoint = "sdxl/sd_xl_base_1.0.safetensors" });

        Assert.Empty(template.Validate(RecordedCatalog.Instance, rendered, Models));
        var problem = Assert.Single(template.Validate(RecordedCatalog.Instance, template.Render(new WorkflowParameters { Checkpoint = "nope.ckpt" }), Models));
        Assert.Contains("available: trace_sd15_random.safetensors, sdxl/sd_xl_base_1.0.safetensors", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownSampler_IsNotAmongTheChoices()
    {
        var template = await TestTemplates.Ours("sd15_txt2img.json");

        var problem = Assert.Single(template.Validate(RecordedCatalog.Instance, template.Render(new WorkflowParameters { Sampler = "eulr" })));

        Assert.Equal("sampler_name 'eulr' is not one of its 42 choices", problem.Message);
        Assert.StartsWith("use one of: euler, euler_cfg_pp", problem.Fix, StringComparison.Ordinal);
        Assert.Contains("(and 30 more)", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongClass_SuggestsCloseNames()
    {
        var template = WorkflowTemplate.Parse("""
            {"3": {"class_type": "KSamplr", "inputs": {}}, "9": {"class_type": "PreviewImage", "inputs": {"images": ["3", 0]}}}
            """);

        var problem = Assert.Single(template.Validate(RecordedCatalog.Instance));

        Assert.Equal(("3", "KSamplr", null), (problem.NodeId, problem.ClassType, problem.InputName));
        Assert.Equal("class 'KSamplr' is not on the server", problem.Message);
        Assert.Contains("KSampler", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BoundInputTheClassDoesNotHave_IsAnError()
    {
        var template = WorkflowTemplate.Parse(
            """{"1": {"class_type": "RandomNoise", "inputs": {"noise_seed": 1, "sed": 5}}}""",
            new() { Bindings = new Dictionary<string, IReadOnlyList<string>> { ["steps"] = ["1.inputs.sed"] } });

        var problems = template.Validate(RecordedCatalog.Instance);

        Assert.Contains(problems, p => p is { NodeId: "1", InputName: "sed" }
            && p.Message.Contains("(bound to 'steps') is not an input of RandomNoise", StringComparison.Ordinal)
            && p.Fix.Contains("noise_seed", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnboundUnknownInput_IsIgnoredLikeTheServerDoes()
    {
        var template = WorkflowTemplate.Parse(
            """{"1": {"class_type": "PreviewImage", "inputs": {"images": ["2", 0], "extra": 1}}, "2": {"class_type": "LoadImage", "inputs": {"image": "trace_input.png"}}}""");

        Assert.Empty(template.Validate(RecordedCatalog.Instance));
    }

    [Fact]
    public void Validate_StringForBoolean_WarnsThatTheServerReadsItAsTrue()
    {
        var template = WorkflowTemplate.Parse(
            """{"1": {"class_type": "TraceSleep", "inputs": {"seconds": 1.0, "steps": 2, "preview": "false", "tag": "t"}}}""");

        var problem = Assert.Single(template.Validate(RecordedCatalog.Instance));

        Assert.Equal("preview", problem.InputName);
        Assert.Contains("without quotes", problem.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a_unknown_class_type.json", "1", null, "class 'NoSuchNode' is not on the server")]
    [InlineData("b_ckpt_not_in_list.json", "4", "ckpt_name", "ckpt_name 'does_not_exist.safetensors' is not on the server; available: trace_sd15_random.safetensors")]
    [InlineData("d_missing_required_input.json", "3", "steps", "required input 'steps' (INT) is missing")]
    [InlineData("g_wrong_value_type.json", "3", "steps", "'steps' expects a number (INT); got \"abc\"")]
    [InlineData("h_value_out_of_range.json", "3", "steps", "steps 0 is below the minimum 1")]
    [InlineData("h_value_out_of_range.json", "3", "cfg", "cfg 1000.0 is above the maximum 100")]
    [InlineData("i_link_type_mismatch.json", "3", "positive", "'positive' expects CONDITIONING but is linked to output 0 (MODEL: MODEL) of node 4 (CheckpointLoaderSimple)")]
    [InlineData("k_bad_sampler_name.json", "3", "sampler_name", "sampler_name 'no_such_sampler' is not one of its 42 choices")]
    [InlineData("l_link_output_index_out_of_range.json", "3", "model", "'model' links to output 7 of node 4 (CheckpointLoaderSimple), which has 3 output(s)")]
    [InlineData("f_no_output_node.json", null, null, "the workflow has no output node")]
    public void Validate_RecordedInvalidBodies_FindWhatTheServerRefused(string file, string? nodeId, string? input, string expected)
    {
        var template = WorkflowTemplate.Parse(RecordedInvalid.Prompt(file));

        var problems = template.Validate(RecordedCatalog.Instance);

        Assert.Contains(problems, p => p.NodeId == nodeId && p.InputName == input && p.Message.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingRequiredInput_SuggestsTheDefault()
    {
        var template = WorkflowTemplate.Parse(RecordedInvalid.Prompt("d_missing_required_input.json"));

        var problem = template.Validate(RecordedCatalog.Instance).Single(p => p.InputName == "steps");

        Assert.Equal("add \"steps\": 20 to the node's inputs", problem.Fix);
    }

    [Fact]
    public void Validate_SeedAtTheTopOfItsRange_IsValidAndOneMoreIsNot()
    {
        const string Workflow = """{"1": {"class_type": "RandomNoise", "inputs": {"noise_seed": SEED}}}""";

        var top = WorkflowTemplate.Parse(Workflow.Replace("SEED", "18446744073709551615", StringComparison.Ordinal));
        var above = WorkflowTemplate.Parse(Workflow.Replace("SEED", "18446744073709551616", StringComparison.Ordinal));

        Assert.DoesNotContain(top.Validate(RecordedCatalog.Instance), p => p.InputName == "noise_seed");
        Assert.Contains(above.Validate(RecordedCatalog.Instance), p => p.InputName == "noise_seed"
            && p.Message == "noise_seed 18446744073709551616 is above the maximum 18446744073709551615");
    }

    [Fact]
    public void Validate_TemplatePlaceholders_AreNotValueChecked()
    {
        var template = WorkflowTemplate.Parse(
            """{"1": {"class_type": "TraceSleep", "inputs": {"seconds": 1.0, "steps": "{{steps}}", "preview": false, "tag": "t"}}}""");

        Assert.Empty(template.Validate(RecordedCatalog.Instance));
    }

    [Fact]
    public void Validate_ConstantWhereALinkIsNeeded_SaysToLinkAnOutput()
    {
        var template = WorkflowTemplate.Parse(
            """{"8": {"class_type": "VAEDecode", "inputs": {"samples": "latent.png", "vae": ["4", 2]}}, "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "trace_sd15_random.safetensors"}}}""");

        var problem = Assert.Single(template.Validate(RecordedCatalog.Instance), p => p.InputName == "samples");

        Assert.Equal("'samples' takes a link from a LATENT output, not the constant \"latent.png\"", problem.Message);
    }
}

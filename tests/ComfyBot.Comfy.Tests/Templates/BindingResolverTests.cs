using ComfyBot.Comfy.Templates;

namespace ComfyBot.Comfy.Tests.Templates;

public sealed class BindingResolverTests
{
    private static WorkflowTemplateOptions Configured(string parameter, params string[] paths) =>
        new() { Name = "t.json", Bindings = new Dictionary<string, IReadOnlyList<string>> { [parameter] = paths } };

    [Fact]
    public async Task Configured_Paths_WinOverAutoDetectionForThatParameter()
    {
        var template = await TestTemplates.Ours("sdxl_base_refiner.json", Configured("seed", "10.inputs.noise_seed"));

        Assert.Equal(["10.inputs.noise_seed"], template.Paths(WorkflowParameter.Seed));
        Assert.Equal([BindingSource.Configuration], template.Sources(WorkflowParameter.Seed));
        Assert.Equal([BindingSource.AutoDetected], template.Sources(WorkflowParameter.Steps));
    }

    [Fact]
    public async Task Configured_PathToAnotherParametersAutoInput_TakesItFromAutoDetection()
    {
        var template = await TestTemplates.Ours("sd15_txt2img.json", Configured("negative", "6.inputs.text"));

        Assert.Equal(["6.inputs.text"], template.Paths(WorkflowParameter.Negative));
        Assert.False(template.Accepts(WorkflowParameter.Prompt));
    }

    [Fact]
    public async Task Configured_MissingNode_NamesTheNodeAndListsTheNodes()
    {
        var error = await Assert.ThrowsAsync<WorkflowTemplateException>(() => TestTemplates.Ours("sd15_txt2img.json", Configured("seed", "99.inputs.seed")));

        Assert.Equal("99", error.NodeId);
        Assert.Contains("binding path '99.inputs.seed' for 'seed' names node '99', which is not in the workflow", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 (KSampler)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_MissingInput_NamesTheInputAndListsTheNodesInputs()
    {
        var error = await Assert.ThrowsAsync<WorkflowTemplateException>(() => TestTemplates.Ours("sd15_txt2img.json", Configured("seed", "3.inputs.sed")));

        Assert.Equal(("3", "sed"), (error.NodeId, error.InputName));
        Assert.Contains("names input 'sed', which node '3' (KSampler) does not have", error.Message, StringComparison.Ordinal);
        Assert.Contains("Its inputs: seed, steps", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.seed")]
    [InlineData("3.inputs.")]
    [InlineData(".inputs.seed")]
    public async Task Configured_MalformedPath_ShowsTheExpectedForm(string path)
    {
        var error = await Assert.ThrowsAsync<WorkflowTemplateException>(() => TestTemplates.Ours("sd15_txt2img.json", Configured("seed", path)));

        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'<node id>.inputs.<input name>'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_UnknownParameter_ListsTheKnownOnes()
    {
        var error = await Assert.ThrowsAsync<WorkflowTemplateException>(() => TestTemplates.Ours("sd15_txt2img.json", Configured("sead", "3.inputs.seed")));

        Assert.Contains("unknown parameter 'sead'", error.Message, StringComparison.Ordinal);
        Assert.Contains("prompt, negative, seed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_LinkInput_IsRefused()
    {
        var error = await Assert.ThrowsAsync<WorkflowTemplateException>(() => TestTemplates.Ours("sd15_txt2img.json", Configured("prompt", "3.inputs.positive")));

        Assert.Contains("is a link, not a value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_NoPaths_IsRefused()
    {
        var error = await Assert.ThrowsAsync<WorkflowTemplateException>(() => TestTemplates.Ours("sd15_txt2img.json", Configured("seed")));

        Assert.Contains("the binding for 'seed' lists no paths", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_SameInputForTwoParameters_IsAClash()
    {
        var options = new WorkflowTemplateOptions
        {
            Bindings = new Dictionary<string, IReadOnlyList<string>> { ["seed"] = ["3.inputs.seed"], ["steps"] = ["3.inputs.seed"] },
        };

        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse("""{"3": {"class_type": "KSampler", "inputs": {"seed": 1}}}""", options));

        Assert.Contains("3.inputs.seed (KSampler) is bound to both 'seed' and 'steps'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Placeholders_BindTheirInputs_AndAutoDetectionFillsTheRest()
    {
        var template = await TestTemplates.Ours("placeholders.json");

        Assert.Equal(["6.inputs.text"], template.Paths(WorkflowParameter.Prompt));
        Assert.Equal([BindingSource.Placeholder], template.Sources(WorkflowParameter.Prompt));
        Assert.Equal(["3.inputs.seed"], template.Paths(WorkflowParameter.Seed));
        Assert.Equal([BindingSource.Placeholder], template.Sources(WorkflowParameter.Seed));
        Assert.Equal([BindingSource.AutoDetected], template.Sources(WorkflowParameter.Cfg));
        Assert.True(template.Bindings.Single(b => b.Parameter == WorkflowParameter.Prompt).IsRequired);
        Assert.False(template.Bindings.Single(b => b.Parameter == WorkflowParameter.Seed).IsRequired);
        Assert.Equal([BindingSource.AutoDetected], template.Sources(WorkflowParameter.Batch));
    }

    [Fact]
    public void Placeholders_AndConfiguration_BindTheSameParameterTogether()
    {
        var template = WorkflowTemplate.Parse(
            """{"6": {"class_type": "CLIPTextEncode", "inputs": {"text": "{{prompt}}"}}, "8": {"class_type": "CLIPTextEncode", "inputs": {"text": "x"}}}""",
            Configured("prompt", "8.inputs.text"));

        Assert.Equal(["8.inputs.text", "6.inputs.text"], template.Paths(WorkflowParameter.Prompt));
    }

    [Fact]
    public void Placeholders_WithSpacesInside_AreRead()
    {
        var template = WorkflowTemplate.Parse("""{"6": {"class_type": "CLIPTextEncode", "inputs": {"text": "{{ prompt }}"}}}""");

        Assert.Equal(["6.inputs.text"], template.Paths(WorkflowParameter.Prompt));
    }

    [Fact]
    public void Placeholders_Unknown_NameTheNodeInputAndKnownNames()
    {
        var error = Assert.Throws<WorkflowTemplateException>(() =>
            WorkflowTemplate.Parse("""{"6": {"class_type": "CLIPTextEncode", "inputs": {"text": "{{promt}}"}}}"""));

        Assert.Equal(("6", "text"), (error.NodeId, error.InputName));
        Assert.Contains("unknown placeholder '{{promt}}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("{{prompt}}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_InsideLongerText_AreRefusedAsNotWholeValues()
    {
        var error = Assert.Throws<WorkflowTemplateException>(() =>
            WorkflowTemplate.Parse("""{"6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a photo of {{prompt}}, 4k"}}}"""));

        Assert.Contains("a placeholder must be the whole value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_BracesThatAreNotPlaceholders_AreLeftAsText()
    {
        var template = WorkflowTemplate.Parse("""{"6": {"class_type": "CLIPTextEncode", "inputs": {"text": "{{a|b}} wildcard"}}}""");

        Assert.Equal("{{a|b}} wildcard", template.Render(WorkflowParameters.None).ToJsonObject()["6"]!["inputs"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Bindings_AreReportedWithPathAndHowTheyWereFound()
    {
        var template = WorkflowTemplate.Parse("""{"3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": "{{steps}}"}}}""", new() { Name = "t.json" });

        var report = template.Bindings.Select(b => b.ToString()).ToList();

        Assert.Equal(["seed -> 3.inputs.seed", "steps -> 3.inputs.steps"], report);
        Assert.Equal("3.inputs.steps (KSampler; Placeholder: placeholder {{steps}})", template.Bindings[1].Inputs[0].ToString());
    }
}

using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Tests.Backends;
using ComfyBot.Core.Workflows;

namespace ComfyBot.Core.Tests.Workflows;

public sealed class WorkflowCatalogTests
{
    private static readonly WorkflowTemplate Txt2Img = TemplateFixtures.Load("txt2img.json");
    private static readonly WorkflowTemplate Img2Img = TemplateFixtures.Load("img2img.json");

    private static WorkflowCatalog Catalog() => new(
    [
        new WorkflowDefinition("txt2img", Txt2Img)
        {
            Bounds = new Dictionary<WorkflowParameter, ParameterBounds>
            {
                [WorkflowParameter.Steps] = new(1, 50),
                [WorkflowParameter.Cfg] = new(1.5, 12),
            },
            UpscaleWith = "img2img",
        },
        new WorkflowDefinition("img2img", Img2Img),
        new WorkflowDefinition("portrait", Txt2Img),
        new WorkflowDefinition("fast-txt", Txt2Img),
    ]);

    [Fact]
    public void Definition_ReportsWhatItsTemplateBinds()
    {
        var txt = new WorkflowDefinition("t", Txt2Img);
        var img = new WorkflowDefinition("i", Img2Img);

        Assert.False(txt.TakesImage);
        Assert.True(img.TakesImage);
        Assert.Contains(WorkflowParameter.Steps, txt.Accepted);
        Assert.DoesNotContain(WorkflowParameter.Image, txt.Accepted);
        Assert.Contains(WorkflowParameter.Image, img.Accepted);
    }

    [Fact]
    public void Ctor_ListsEveryProblemAtOnce()
    {
        var error = Assert.Throws<ArgumentException>(() => new WorkflowCatalog(
        [
            new WorkflowDefinition("a", Txt2Img) { UpscaleWith = "missing", VaryWith = "b" },
            new WorkflowDefinition("A", Txt2Img),
            new WorkflowDefinition("b", Txt2Img) { Bounds = new Dictionary<WorkflowParameter, ParameterBounds> { [WorkflowParameter.Steps] = new(50, 1) } },
            new WorkflowDefinition("c", Txt2Img) { Bounds = new Dictionary<WorkflowParameter, ParameterBounds> { [WorkflowParameter.Sampler] = new(1, 2) } },
        ]));

        Assert.Contains("Two workflows are named 'A'", error.Message, StringComparison.Ordinal);
        Assert.Contains("UpscaleWith 'missing', but no workflow has that name", error.Message, StringComparison.Ordinal);
        Assert.Contains("VaryWith 'b', which takes no input image", error.Message, StringComparison.Ordinal);
        Assert.Contains("Min 50 above Max 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("bounds for sampler, which is not a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NoDefinitions_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new WorkflowCatalog([]));
        Assert.Contains("no workflows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryGet_IgnoresCase_AndDefaultIsTheFirst()
    {
        var catalog = Catalog();

        Assert.True(catalog.TryGet("IMG2IMG", out var found));
        Assert.Equal("img2img", found.Name);
        Assert.False(catalog.TryGet("nope", out _));
        Assert.Equal("txt2img", catalog.Default.Name);
        Assert.Equal(4, catalog.All.Count);
    }

    [Fact]
    public void Complete_PutsPrefixMatchesBeforeContainsMatches()
    {
        var catalog = Catalog();

        Assert.Equal(["txt2img", "img2img", "portrait", "fast-txt"], catalog.Complete(null).Select(d => d.Name));
        Assert.Equal(["img2img", "txt2img"], catalog.Complete("IM").Select(d => d.Name));
        Assert.Equal(["txt2img", "fast-txt"], catalog.Complete("txt").Select(d => d.Name));
        Assert.Equal(["txt2img"], catalog.Complete("t", max: 1).Select(d => d.Name));
        Assert.Empty(catalog.Complete("zzz"));
    }

    [Fact]
    public void Check_AcceptsAValidRequest()
    {
        Assert.Null(Catalog().Check("txt2img", new WorkflowParameters { Prompt = "x", Steps = 50, Cfg = 1.5 }, hasImage: false));
        Assert.Null(Catalog().Check("img2img", new WorkflowParameters { Prompt = "x" }, hasImage: true));
    }

    [Fact]
    public void Check_UnknownWorkflow_NamesTheChoices()
    {
        var refusal = Catalog().Check("nope", WorkflowParameters.None, hasImage: false);

        Assert.Equal(RefusalReason.UnknownWorkflow, refusal!.Reason);
        Assert.Equal("There is no workflow named 'nope'; pick one of: txt2img, img2img, portrait, fast-txt.", refusal.Message);
    }

    [Fact]
    public void Check_OptionTheTemplateCannotTake_ListsWhatItTakes()
    {
        var img2img = new WorkflowDefinition("i", Img2Img);
        Assert.False(img2img.Accepted.Contains(WorkflowParameter.Width), "img2img.json binds width; pick another unsupported option for this test");

        var refusal = Catalog().Check("img2img", new WorkflowParameters { Width = 512 }, hasImage: true);

        Assert.Equal(RefusalReason.UnsupportedOption, refusal!.Reason);
        Assert.StartsWith("Workflow 'img2img' has no width option; it takes: ", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("steps", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Refusal_ListsTheOptionsAMemberCanSet_AndTheWorkflowsThatTakeTheOption()
    {
        var img2img = new WorkflowDefinition("i", Img2Img);
        Assert.True(img2img.Accepted.Contains(WorkflowParameter.Sampler) && img2img.Accepted.Contains(WorkflowParameter.Image), "img2img.json should bind sampler and image for this test");

        var refusal = Catalog().Check("img2img", new WorkflowParameters { Width = 512 }, hasImage: true);

        // Sampler, denoise … are /imagine options now; the image is the attachment, never an option to name.
        var message = refusal!.Message;
        var start = message.IndexOf("it takes: ", StringComparison.Ordinal) + 10;
        var takes = message[start..message.IndexOf(". Leave", StringComparison.Ordinal)].Split(", ");
        Assert.Equal(["prompt", "negative", "seed", "steps", "cfg", "sampler", "scheduler", "checkpoint", "denoise"], takes);
        Assert.EndsWith("Leave width out, or pick a workflow that takes it (workflows that take it: txt2img, portrait, fast-txt).", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80, null, "steps 80 is outside 1-50 for workflow 'txt2img'.")]
    [InlineData(0, null, "steps 0 is outside 1-50 for workflow 'txt2img'.")]
    [InlineData(null, 12.5, "cfg 12.5 is outside 1.5-12 for workflow 'txt2img'.")]
    public void Check_ValueOutsideBounds_SaysTheRange(int? steps, double? cfg, string message)
    {
        var refusal = Catalog().Check("txt2img", new WorkflowParameters { Steps = steps, Cfg = cfg }, hasImage: false);

        Assert.Equal(RefusalReason.OutOfRange, refusal!.Reason);
        Assert.Equal(message, refusal.Message);
    }

    [Fact]
    public void Check_ImageForATemplateWithoutOne_NamesTheWorkflowsThatTakeOne()
    {
        var refusal = Catalog().Check("txt2img", WorkflowParameters.None, hasImage: true);

        Assert.Equal(RefusalReason.ImageNotAccepted, refusal!.Reason);
        Assert.Contains("takes no input image", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("workflows that take one: img2img", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MissingImage_AsksForOne()
    {
        var refusal = Catalog().Check("img2img", new WorkflowParameters { Prompt = "x" }, hasImage: false);

        Assert.Equal(RefusalReason.ImageRequired, refusal!.Reason);
        Assert.Contains("attach one with the image option", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterBounds_PrintsWithoutTrailingZeros()
    {
        Assert.Equal("1-50", new ParameterBounds(1, 50).ToString());
        Assert.True(new ParameterBounds(1, 50).Contains(50));
        Assert.False(new ParameterBounds(1, 50).Contains(50.5));
    }

    [Fact]
    public void Check_LoraStrengthOutsideTheTemplatesBounds_SaysTheRange()
    {
        const string json = """
            {
              "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "a.safetensors"}},
              "11": {"class_type": "LoraLoaderModelOnly", "inputs": {"lora_name": "detail.safetensors", "strength_model": 1.0, "model": ["4", 0]}},
              "3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 4, "cfg": 7.0, "sampler_name": "euler", "scheduler": "normal", "denoise": 1.0, "model": ["11", 0]}}
            }
            """;
        var lora = new WorkflowDefinition("lora", WorkflowTemplate.Parse(json))
        {
            Bounds = new Dictionary<WorkflowParameter, ParameterBounds> { [WorkflowParameter.LoraStrength] = new(0, 1.2) },
        };
        var catalog = new WorkflowCatalog([lora]);

        var refusal = catalog.Check("lora", new WorkflowParameters { Lora = "x.safetensors", LoraStrength = 1.5 }, hasImage: false);

        Assert.Equal(RefusalReason.OutOfRange, refusal!.Reason);
        Assert.Equal("lora_strength 1.5 is outside 0-1.2 for workflow 'lora'.", refusal.Message);
        Assert.Null(catalog.Check("lora", new WorkflowParameters { LoraStrength = 0.5 }, hasImage: false));
    }
}

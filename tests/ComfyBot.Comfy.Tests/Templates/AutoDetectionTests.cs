using ComfyBot.Comfy.Templates;

namespace ComfyBot.Comfy.Tests.Templates;

public sealed class AutoDetectionTests
{
    [Fact]
    public async Task Detect_RecordedTxt2Img_BindsEverySamplingParameter()
    {
        var template = await TestTemplates.Recorded("txt2img.json");

        Assert.Equal(["3.inputs.seed"], template.Paths(WorkflowParameter.Seed));
        Assert.Equal(["6.inputs.text"], template.Paths(WorkflowParameter.Prompt));
        Assert.Equal(["7.inputs.text"], template.Paths(WorkflowParameter.Negative));
        Assert.Equal(["5.inputs.width"], template.Paths(WorkflowParameter.Width));
        Assert.Equal(["5.inputs.height"], template.Paths(WorkflowParameter.Height));
        Assert.Equal(["5.inputs.batch_size"], template.Paths(WorkflowParameter.Batch));
        Assert.Equal(["3.inputs.steps"], template.Paths(WorkflowParameter.Steps));
        Assert.Equal(["3.inputs.cfg"], template.Paths(WorkflowParameter.Cfg));
        Assert.Equal(["3.inputs.sampler_name"], template.Paths(WorkflowParameter.Sampler));
        Assert.Equal(["3.inputs.scheduler"], template.Paths(WorkflowParameter.Scheduler));
        Assert.Equal(["3.inputs.denoise"], template.Paths(WorkflowParameter.Denoise));
        Assert.Equal(["4.inputs.ckpt_name"], template.Paths(WorkflowParameter.Checkpoint));
        Assert.False(template.Accepts(WorkflowParameter.Image));
        Assert.All(template.Bindings, b => Assert.Equal([BindingSource.AutoDetected], template.Sources(b.Parameter)));
    }

    [Fact]
    public async Task Detect_RecordedImg2Img_BindsTheImageAndDenoise()
    {
        var template = await TestTemplates.Recorded("img2img.json");

        Assert.Equal(["1.inputs.image"], template.Paths(WorkflowParameter.Image));
        Assert.Equal(["6.inputs.denoise"], template.Paths(WorkflowParameter.Denoise));
        Assert.Equal(["3.inputs.text"], template.Paths(WorkflowParameter.Prompt));
        Assert.False(template.Accepts(WorkflowParameter.Width));
    }

    [Fact]
    public async Task Detect_RecordedTraceNodes_BindNothing()
    {
        var template = await TestTemplates.Recorded("sleep.json");

        Assert.Empty(template.Bindings);
    }

    [Fact]
    public async Task Detect_SampleKSamplerAdvanced_BindsNoiseSeed()
    {
        var template = await TestTemplates.Sample("workflow_api_txt2img_ksampler_advanced_preview.json");

        Assert.Equal(["3.inputs.noise_seed"], template.Paths(WorkflowParameter.Seed));
        Assert.Equal(["3.inputs.steps"], template.Paths(WorkflowParameter.Steps));
        Assert.False(template.Accepts(WorkflowParameter.Denoise));
    }

    [Fact]
    public async Task Detect_CustomSamplerChain_FindsEachSettingOnItsNode()
    {
        var template = await TestTemplates.Ours("custom_sampler.json");

        Assert.Equal(["10.inputs.noise_seed"], template.Paths(WorkflowParameter.Seed));
        Assert.Equal(["11.inputs.cfg"], template.Paths(WorkflowParameter.Cfg));
        Assert.Equal(["12.inputs.sampler_name"], template.Paths(WorkflowParameter.Sampler));
        Assert.Equal(["13.inputs.scheduler"], template.Paths(WorkflowParameter.Scheduler));
        Assert.Equal(["13.inputs.steps"], template.Paths(WorkflowParameter.Steps));
        Assert.Equal(["13.inputs.denoise"], template.Paths(WorkflowParameter.Denoise));
        Assert.Equal(["6.inputs.text"], template.Paths(WorkflowParameter.Prompt));
        Assert.Equal(["7.inputs.text"], template.Paths(WorkflowParameter.Negative));
        Assert.Contains("guider CFGGuider 11 positive", template.Bindings.Single(b => b.Parameter == WorkflowParameter.Prompt).Inputs[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detect_SdxlBaseAndRefiner_SeedsBothSamplersAndPicksTheBaseCheckpoint()
    {
        var template = await TestTemplates.Ours("sdxl_base_refiner.json");

        Assert.Equal(["10.inputs.noise_seed", "11.inputs.noise_seed"], template.Paths(WorkflowParameter.Seed));
        Assert.Equal(["4.inputs.ckpt_name"], template.Paths(WorkflowParameter.Checkpoint));
        Assert.Equal(["6.inputs.text_g", "6.inputs.text_l", "15.inputs.text"], template.Paths(WorkflowParameter.Prompt));
        Assert.Equal(["7.inputs.text_g", "7.inputs.text_l", "16.inputs.text"], template.Paths(WorkflowParameter.Negative));
        Assert.Equal(["10.inputs.steps", "11.inputs.steps"], template.Paths(WorkflowParameter.Steps));
    }

    [Fact]
    public async Task Detect_HiresFix_ThroughConditioningNodes_AndDenoiseOnlyOnTheFirstPass()
    {
        var template = await TestTemplates.Ours("hires_regional_30.json");

        Assert.Equal(["6.inputs.text", "8.inputs.text", "7.inputs.text"], template.Paths(WorkflowParameter.Prompt));
        Assert.Equal(["9.inputs.text"], template.Paths(WorkflowParameter.Negative));
        Assert.Equal(["16.inputs.denoise"], template.Paths(WorkflowParameter.Denoise));
        Assert.Equal(["16.inputs.seed", "18.inputs.seed"], template.Paths(WorkflowParameter.Seed));
        Assert.Equal(["1.inputs.ckpt_name"], template.Paths(WorkflowParameter.Checkpoint));
        var region = template.Bindings.Single(b => b.Parameter == WorkflowParameter.Prompt).Inputs[1];
        Assert.Equal("text of CLIPTextEncode 8, from KSampler 16 positive via ConditioningSetTimestepRange 13, ConditioningAverage 12, ConditioningCombine 11, ConditioningSetArea 10", region.Detail);
    }

    [Fact]
    public void Detect_ControlNetApplyAdvanced_FollowsPositiveAndNegativeByOutputIndex()
    {
        var template = WorkflowTemplate.Parse("""
            {
              "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "pos", "clip": ["4", 1]}},
              "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "neg", "clip": ["4", 1]}},
              "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "a.safetensors"}},
              "20": {"class_type": "ControlNetApplyAdvanced", "inputs": {"positive": ["6", 0], "negative": ["7", 0], "strength": 1.0, "start_percent": 0.0, "end_percent": 1.0}},
              "3": {"class_type": "KSampler", "inputs": {"seed": 1, "positive": ["20", 0], "negative": ["20", 1], "model": ["4", 0]}}
            }
            """);

        Assert.Equal(["6.inputs.text"], template.Paths(WorkflowParameter.Prompt));
        Assert.Equal(["7.inputs.text"], template.Paths(WorkflowParameter.Negative));
    }

    [Fact]
    public void Detect_ZeroedNegativeFromThePositiveEncoder_BindsThatEncoderToThePromptOnly()
    {
        var template = WorkflowTemplate.Parse("""
            {
              "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "a.safetensors"}},
              "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "pos", "clip": ["4", 1]}},
              "8": {"class_type": "ConditioningZeroOut", "inputs": {"conditioning": ["6", 0]}},
              "3": {"class_type": "KSampler", "inputs": {"seed": 1, "positive": ["6", 0], "negative": ["8", 0]}}
            }
            """);

        Assert.Equal(["6.inputs.text"], template.Paths(WorkflowParameter.Prompt));
        Assert.False(template.Accepts(WorkflowParameter.Negative));
    }

    [Fact]
    public void Detect_LinkedSeed_IsLeftAlone()
    {
        var template = WorkflowTemplate.Parse("""
            {
              "1": {"class_type": "TraceSleep", "inputs": {"seconds": 0.1, "steps": 1, "preview": false, "tag": ""}},
              "3": {"class_type": "KSampler", "inputs": {"seed": ["1", 0], "steps": 20}}
            }
            """);

        Assert.False(template.Accepts(WorkflowParameter.Seed));
        Assert.True(template.Accepts(WorkflowParameter.Steps));
    }

    [Fact]
    public void Detect_TwoLoadImages_BindsTheOneThatIsEncoded()
    {
        var template = WorkflowTemplate.Parse("""
            {
              "1": {"class_type": "LoadImage", "inputs": {"image": "hint.png"}},
              "2": {"class_type": "LoadImage", "inputs": {"image": "init.png"}},
              "5": {"class_type": "VAEEncode", "inputs": {"pixels": ["2", 0]}}
            }
            """);

        Assert.Equal(["2.inputs.image"], template.Paths(WorkflowParameter.Image));
    }

    [Fact]
    public void Detect_TurnedOff_BindsOnlyWhatIsExplicit()
    {
        var template = WorkflowTemplate.Parse(
            """{"3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 20}}}""",
            new() { AutoDetect = false, Bindings = new Dictionary<string, IReadOnlyList<string>> { ["steps"] = ["3.inputs.steps"] } });

        Assert.Equal([WorkflowParameter.Steps], template.Bindings.Select(b => b.Parameter));
    }
}

using ComfyBot.Comfy.Templates;

namespace ComfyBot.Comfy.Tests.Templates;

/// <summary>lora and lora_strength: found on the only LoRA loader, left to explicit bindings when several are chained.</summary>
public sealed class LoraDetectionTests
{
    private const string OneLoader = """
        {
          "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "a.safetensors"}},
          "11": {"class_type": "LoraLoader", "inputs": {"lora_name": "detail.safetensors", "strength_model": 0.8, "strength_clip": 0.7, "model": ["4", 0], "clip": ["4", 1]}},
          "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat", "clip": ["11", 1]}},
          "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 64, "height": 64, "batch_size": 1}},
          "3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 1, "cfg": 7.0, "sampler_name": "euler", "scheduler": "normal", "denoise": 1.0,
                                                     "model": ["11", 0], "positive": ["6", 0], "negative": ["6", 0], "latent_image": ["5", 0]}},
          "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "x", "images": ["3", 0]}}
        }
        """;

    [Fact]
    public void TheOnlyLoraLoader_BindsTheLoraAndBothStrengths()
    {
        var template = WorkflowTemplate.Parse(OneLoader);

        Assert.Equal(["11.inputs.lora_name"], template.Paths(WorkflowParameter.Lora));
        Assert.Equal(["11.inputs.strength_model", "11.inputs.strength_clip"], template.Paths(WorkflowParameter.LoraStrength));
        Assert.Equal("detail.safetensors", template.TextOf(WorkflowParameter.Lora));
        Assert.Equal(0.8, template.NumberOf(WorkflowParameter.LoraStrength));

        var rendered = template.Render(new WorkflowParameters { Lora = "styles/pixel \"art\".safetensors", LoraStrength = 0.25 }).ToJsonObject();
        Assert.Equal("styles/pixel \"art\".safetensors", (string?)rendered["11"]!["inputs"]!["lora_name"]);
        Assert.Equal(0.25, (double)rendered["11"]!["inputs"]!["strength_model"]!);
        Assert.Equal(0.25, (double)rendered["11"]!["inputs"]!["strength_clip"]!);
    }

    [Fact]
    public void ChainedLoraLoaders_BindNoLora_UnlessConfigured()
    {
        var chained = OneLoader.Replace(
            "\"6\": {",
            "\"12\": {\"class_type\": \"LoraLoaderModelOnly\", \"inputs\": {\"lora_name\": \"style.safetensors\", \"strength_model\": 1.0, \"model\": [\"11\", 0]}},\n  \"6\": {",
            StringComparison.Ordinal);

        Assert.False(WorkflowTemplate.Parse(chained).Accepts(WorkflowParameter.Lora));

        var configured = WorkflowTemplate.Parse(chained, new WorkflowTemplateOptions
        {
            Bindings = new Dictionary<string, IReadOnlyList<string>> { ["lora"] = ["12.inputs.lora_name"], ["lora_strength"] = ["12.inputs.strength_model"] },
        });
        Assert.Equal(["12.inputs.lora_name"], configured.Paths(WorkflowParameter.Lora));
        Assert.Equal(["12.inputs.strength_model"], configured.Paths(WorkflowParameter.LoraStrength));
    }

    [Fact]
    public void LoraParameters_ParseByTheirNames()
    {
        var parameters = WorkflowParameters.Parse([new("lora", "a.safetensors"), new("lora_strength", "0.5")]);

        Assert.Equal("a.safetensors", parameters.Lora);
        Assert.Equal(0.5, parameters.LoraStrength);
        Assert.True(parameters.IsSet(WorkflowParameter.LoraStrength));
    }
}

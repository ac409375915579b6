using System.Text.Json.Nodes;
using ComfyBot.Comfy.Nodes;
using ComfyBot.Comfy.Templates;
using ComfyBot.Testing;

namespace ComfyBot.Comfy.Tests.Templates;

/// <summary>
/// The member's prompt, negative, seed and size are never silently ignored: auto-detection follows links back to the
/// value node that holds them, and what it cannot follow is reported with the binding that fixes it.
/// </summary>
public sealed class ValueNodeBindingTests
{
    private const string ValueNodes = """
        {
          "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "trace_sd15_random.safetensors"}},
          "30": {"class_type": "PrimitiveStringMultiline", "inputs": {"value": "a photo of a cat"}},
          "31": {"class_type": "PrimitiveString", "inputs": {"value": "blurry"}},
          "32": {"class_type": "PrimitiveInt", "inputs": {"value": 123}},
          "33": {"class_type": "PrimitiveInt", "inputs": {"value": 640}},
          "34": {"class_type": "PrimitiveInt", "inputs": {"value": 384}},
          "5": {"class_type": "EmptyLatentImage", "inputs": {"width": ["33", 0], "height": ["34", 0], "batch_size": 1}},
          "6": {"class_type": "CLIPTextEncode", "inputs": {"text": ["30", 0], "clip": ["4", 1]}},
          "7": {"class_type": "CLIPTextEncode", "inputs": {"text": ["31", 0], "clip": ["4", 1]}},
          "3": {"class_type": "KSampler", "inputs": {"seed": ["32", 0], "steps": 4, "cfg": 7.0, "sampler_name": "euler", "scheduler": "normal", "denoise": 1.0,
                                                 "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0]}},
          "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
          "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "t", "images": ["8", 0]}}
        }
        """;

    [Fact]
    public void TextSeedAndSizeFromValueNodes_AreBoundAtTheValueNodes_AndRenderThere()
    {
        var template = WorkflowTemplate.Parse(ValueNodes);

        Assert.Equal(["30.inputs.value"], template.Paths(WorkflowParameter.Prompt));
        Assert.Equal(["31.inputs.value"], template.Paths(WorkflowParameter.Negative));
        Assert.Equal(["32.inputs.value"], template.Paths(WorkflowParameter.Seed));
        Assert.Equal(["33.inputs.value"], template.Paths(WorkflowParameter.Width));
        Assert.Equal(["34.inputs.value"], template.Paths(WorkflowParameter.Height));
        Assert.Empty(template.CheckBindings());

        var rendered = template.Render(new WorkflowParameters { Prompt = "a lighthouse", Negative = "fog", Seed = 9, Width = 512, Height = 768 }).ToJsonObject();
        Assert.Equal("a lighthouse", rendered["30"]!["inputs"]!["value"]!.GetValue<string>());
        Assert.Equal("fog", rendered["31"]!["inputs"]!["value"]!.GetValue<string>());
        Assert.Equal(9, rendered["32"]!["inputs"]!["value"]!.GetValue<long>());
        Assert.Equal(512, rendered["33"]!["inputs"]!["value"]!.GetValue<long>());
        Assert.Equal(768, rendered["34"]!["inputs"]!["value"]!.GetValue<long>());
    }

    [Fact]
    public void PromptFromANodeDetectionCannotFollow_IsReportedWithTheFix()
    {
        var workflow = JsonNode.Parse(ValueNodes)!.AsObject();
        // Two texts joined: no single value is "the prompt", so nothing can take the member's.
        workflow["30"] = JsonNode.Parse("""{"class_type": "StringConcatenate", "inputs": {"string_a": "a cat", "string_b": "in snow", "delimiter": ", "}}""");

        var template = WorkflowTemplate.Parse(workflow.ToJsonString());

        Assert.False(template.Accepts(WorkflowParameter.Prompt));
        var problem = Assert.Single(template.CheckBindings());
        Assert.Equal("3", problem.NodeId);
        Assert.Equal("positive", problem.InputName);
        Assert.Contains("nothing takes the member's prompt", problem.Message, StringComparison.Ordinal);
        Assert.Contains("\"prompt\": [\"<node id>.inputs.text\"]", problem.Fix, StringComparison.Ordinal);
        Assert.Contains("{{prompt}}", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void SeedAndSizeFromNodesDetectionCannotFollow_AreReported()
    {
        var workflow = JsonNode.Parse(ValueNodes)!.AsObject();
        workflow["32"] = JsonNode.Parse("""{"class_type": "CustomSeed", "inputs": {"a": 1, "b": 2}}""");
        workflow["33"] = JsonNode.Parse("""{"class_type": "CustomSize", "inputs": {"a": 1, "b": 2}}""");
        workflow["34"] = JsonNode.Parse("""{"class_type": "CustomSize", "inputs": {"a": 1, "b": 2}}""");

        var template = WorkflowTemplate.Parse(workflow.ToJsonString());

        Assert.Equal(["seed", "width", "height"], template.CheckBindings().Select(p => p.Message.Split(' ')[4].TrimEnd(':')));
    }

    [Fact]
    public async Task LoadImageFileTheServerLacks_IsAProblem_UnlessTheMembersImageReplacesIt()
    {
        var catalog = NodeCatalog.Parse(System.Text.Json.JsonDocument.Parse(RepositoryFixtures.ReadText("comfy", "object_info.json")).RootElement);
        var img2img = await TestTemplates.Recorded("img2img.json");
        var workflow = RepositoryFixtures.ReadText("comfy", "workflows", "ws_image.json").Replace("trace_input.png", "gone.png", StringComparison.Ordinal);
        var bound = WorkflowTemplate.Parse(workflow);
        var fixedInput = WorkflowTemplate.Parse(workflow, new WorkflowTemplateOptions { AutoDetect = false });

        Assert.Empty(img2img.CheckInputFiles(catalog));
        Assert.Empty(bound.CheckInputFiles(catalog));
        var problem = Assert.Single(fixedInput.CheckInputFiles(catalog));
        Assert.Equal(("1", "LoadImage", "image"), (problem.NodeId, problem.ClassType, problem.InputName));
        Assert.Contains("'gone.png' is not in the server's input folder", problem.Message, StringComparison.Ordinal);
    }
}

using ComfyBot.Cli;
using ComfyBot.Simulator;

namespace ComfyBot.Tests.Cli;

/// <summary>check-workflow lists every problem at once: values /imagine would drop, and files the server lacks.</summary>
public sealed class CheckWorkflowBindingsTests
{
    internal const string Workflow = """
        {
          "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "trace_sd15_random.safetensors"}},
          "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 512, "height": 512, "batch_size": 1}},
          "30": {"class_type": "StringConcatenate", "inputs": {"string_a": "a cat", "string_b": "in snow", "delimiter": ", "}},
          "6": {"class_type": "CLIPTextEncode", "inputs": {"text": ["30", 0], "clip": ["4", 1]}},
          "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "blurry", "clip": ["4", 1]}},
          "3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 4, "cfg": 7.0, "sampler_name": "euler", "scheduler": "normal", "denoise": 1.0,
                                                 "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0]}},
          "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
          "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "t", "images": ["8", 0]}},
          "20": {"class_type": "LoadImage", "inputs": {"image": "style_a.png"}},
          "21": {"class_type": "LoadImageMask", "inputs": {"image": "mask_b.png", "channel": "alpha"}},
          "22": {"class_type": "PreviewImage", "inputs": {"images": ["20", 0]}}
        }
        """;

    [Fact]
    public async Task WithoutAServer_AnUnboundPrompt_IsAProblemWithTheFix()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wf-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, Workflow);
        try
        {
            var run = await CliRun.ExecuteAsync("check-workflow", path);

            Assert.Equal(ExitCode.InvalidWorkflow, run.Code);
            Assert.Contains("node 3 (KSampler) input 'positive': nothing takes the member's prompt", run.Output, StringComparison.Ordinal);
            Assert.Contains("{{prompt}}", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AgainstAServer_TheUnboundPromptAndAMissingInputFile_AreBothListed()
    {
        await using var simulator = await ComfySimulator.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"wf-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, Workflow);
        try
        {
            var run = await CliRun.ExecuteAsync("check-workflow", path, "--comfy", simulator.BaseAddress.ToString());

            Assert.Equal(ExitCode.InvalidWorkflow, run.Code);
            Assert.Contains("2 problem(s)", run.Output, StringComparison.Ordinal);
            Assert.Contains("nothing takes the member's prompt", run.Output, StringComparison.Ordinal);
            // The only LoadImage takes the member's attachment, so its file does not matter; the mask's does.
            Assert.DoesNotContain("style_a.png", run.Output.Split("problem(s)")[1], StringComparison.Ordinal);
            Assert.Contains("node 21 (LoadImageMask) input 'image': the file 'mask_b.png' is not in the server's input folder", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task EveryStructuralProblem_IsListed_NotOnlyTheFirst()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wf-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
            {
              "5": {"inputs": {"width": 512}},
              "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat", "clip": [4, 1]}},
              "9": {"class_type": "SaveImage", "inputs": {"images": ["77", 0], "filename_prefix": "x"}}
            }
            """);
        try
        {
            var run = await CliRun.ExecuteAsync("check-workflow", path);

            Assert.Equal(ExitCode.InvalidWorkflow, run.Code);
            var all = run.Output + run.Errors;
            Assert.Contains("3 problem(s)", all, StringComparison.Ordinal);
            Assert.Contains("node '5' has no \"class_type\"", all, StringComparison.Ordinal);
            Assert.Contains("node '6' (CLIPTextEncode) input 'clip' links with a numeric node id", all, StringComparison.Ordinal);
            Assert.Contains("node '9' (SaveImage) input 'images' links to node '77'", all, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AgainstAServer_EveryBadBinding_IsListedWithTheServersProblems_NotOnlyTheFirst()
    {
        await using var simulator = await ComfySimulator.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"wf-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, Workflow);
        try
        {
            var run = await CliRun.ExecuteAsync(
                "check-workflow", path, "--bind", "seed=99.inputs.seed", "--bind", "steps=3.inputs.stepz", "--bind", "cfg=3.inputs.model",
                "--comfy", simulator.BaseAddress.ToString());

            Assert.True(run.Code == ExitCode.InvalidWorkflow, run.Output + run.Errors);
            var listed = run.Output.Split("problem(s)")[1];
            Assert.Contains("binding path '99.inputs.seed' for 'seed' names node '99', which is not in the workflow", listed, StringComparison.Ordinal);
            Assert.Contains("binding path '3.inputs.stepz' for 'steps' names input 'stepz', which node '3' (KSampler) does not have", listed, StringComparison.Ordinal);
            Assert.Contains("binding path '3.inputs.model' for 'cfg' is a link, not a value", listed, StringComparison.Ordinal);
            Assert.Contains("nothing takes the member's prompt", listed, StringComparison.Ordinal);
            Assert.Contains("the file 'mask_b.png' is not in the server's input folder", listed, StringComparison.Ordinal);
            Assert.Contains("5 problem(s)", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

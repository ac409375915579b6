using ComfyBot.Cli;
using ComfyBot.Simulator;
using ComfyBot.Testing;

namespace ComfyBot.Tests.Cli;

public sealed class CheckWorkflowCommandTests
{
    [Fact]
    public async Task CheckWorkflow_PrintsEachBindingAndHowItWasFound()
    {
        var run = await CliRun.ExecuteAsync("check-workflow", RepositoryFixtures.FixturePath("comfy", "workflows", "txt2img.json"));

        Assert.Equal(ExitCode.Success, run.Code);
        Assert.Contains("seed", run.Output, StringComparison.Ordinal);
        Assert.Contains("3.inputs.seed", run.Output, StringComparison.Ordinal);
        Assert.Contains("6.inputs.text", run.Output, StringComparison.Ordinal);
        Assert.Contains("--comfy", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckWorkflow_ExplicitBinding_IsUsed()
    {
        var run = await CliRun.ExecuteAsync(
            "check-workflow", RepositoryFixtures.FixturePath("comfy", "workflows", "sleep.json"), "--bind", "steps=1.inputs.steps");

        Assert.Equal(ExitCode.Success, run.Code);
        Assert.Contains("1.inputs.steps", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckWorkflow_AgainstAServer_ListsEveryProblemWithItsFix()
    {
        await using var simulator = await ComfySimulator.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"wf-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
            {
              "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "missing.safetensors"}},
              "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 512, "height": 512, "batch_size": 1}},
              "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat", "clip": ["4", 1]}},
              "3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 20000, "cfg": 7.0, "sampler_name": "euler", "scheduler": "normal",
                    "denoise": 1.0, "model": ["4", 0], "positive": ["6", 0], "negative": ["6", 0], "latent_image": ["5", 0]}},
              "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
              "9": {"class_type": "SaveImagePlus", "inputs": {"images": ["8", 0]}}
            }
            """);
        try
        {
            var run = await CliRun.ExecuteAsync("check-workflow", path, "--comfy", simulator.BaseAddress.ToString());

            Assert.Equal(ExitCode.InvalidWorkflow, run.Code);
            Assert.Contains("missing.safetensors", run.Output, StringComparison.Ordinal);
            Assert.Contains("node 3 (KSampler) input 'steps'", run.Output, StringComparison.Ordinal);
            Assert.Contains("SaveImagePlus", run.Output, StringComparison.Ordinal);
            Assert.Contains("Fix:", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task CheckWorkflow_AValidWorkflowOnAServer_SaysSo()
    {
        await using var simulator = await ComfySimulator.StartAsync();

        var run = await CliRun.ExecuteAsync(
            "check-workflow", RepositoryFixtures.FixturePath("comfy", "workflows", "txt2img.json"), "--comfy", simulator.BaseAddress.ToString());

        Assert.Equal(ExitCode.Success, run.Code);
        Assert.Contains("No problems", run.Output, StringComparison.Ordinal);
    }
}

using System.Text.Json.Nodes;
using ComfyBot.Cli;
using ComfyBot.Simulator;
using ComfyBot.Testing;

namespace ComfyBot.Tests.Cli;

/// <summary>
/// generate reports every image a workflow makes and says plainly when it makes none: SaveImageWebsocket images,
/// outputs ComfyUI dropped at validation, a run with no saved image, a workflow that takes no prompt.
/// </summary>
public sealed class GenerateOutputsTests : IAsyncLifetime
{
    private readonly string outDir = Path.Combine(Path.GetTempPath(), "comfybot-cli-" + Guid.NewGuid().ToString("N"));
    private ComfySimulator simulator = null!;

    private string SimulatorData => outDir + "-sim";

    public async Task InitializeAsync() =>
        simulator = await ComfySimulator.StartAsync(new SimulatorOptions { DataDirectory = SimulatorData });

    public async Task DisposeAsync()
    {
        await simulator.DisposeAsync();
        foreach (var dir in new[] { outDir, SimulatorData, outDir + "-wf" })
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static JsonObject Txt2Img() => JsonNode.Parse(RepositoryFixtures.ReadText("comfy", "workflows", "txt2img.json"))!.AsObject();

    private string WriteWorkflow(string name, JsonObject workflow)
    {
        Directory.CreateDirectory(outDir + "-wf");
        var path = Path.Combine(outDir + "-wf", name);
        File.WriteAllText(path, workflow.ToJsonString());
        return path;
    }

    [Fact]
    public async Task SaveImageWebsocketWorkflow_SavesTheImagesThatCameOverTheSocket()
    {
        var workflow = Txt2Img();
        workflow.Remove("10");
        workflow["9"] = new JsonObject { ["class_type"] = "SaveImageWebsocket", ["inputs"] = new JsonObject { ["images"] = new JsonArray("8", 0) } };

        var run = await CliRun.ExecuteAsync(
            "generate", "a cat", "--workflow", WriteWorkflow("ws.json", workflow), "--seed", "5", "--comfy", simulator.BaseAddress.ToString(), "--out", outDir);

        Assert.True(run.Code == ExitCode.Success, run.Errors + run.Output);
        var files = Directory.GetFiles(outDir, "*.png");
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.Equal([0x89, 0x50, 0x4E, 0x47], File.ReadAllBytes(f).Take(4)));
        Assert.All(files, f => Assert.Contains(f, run.Output, StringComparison.Ordinal));
        Assert.Contains("✅ Done: 2 images · seed 5", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkflowThatTakesNoPrompt_RunsWithoutOne()
    {
        Directory.CreateDirectory(Path.Combine(SimulatorData, "input"));
        File.Copy(RepositoryFixtures.FixturePath("comfy", "traces", "files", "view_txt2img_output.png"), Path.Combine(SimulatorData, "input", "trace_input.png"));

        var run = await CliRun.ExecuteAsync(
            "generate", "--workflow", RepositoryFixtures.FixturePath("comfy", "workflows", "ws_image.json"), "--comfy", simulator.BaseAddress.ToString(), "--out", outDir);

        Assert.True(run.Code == ExitCode.Success, run.Errors + run.Output);
        Assert.Single(Directory.GetFiles(outDir, "*.png"));
        Assert.Contains("✅ Done: 1 image", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APromptForAWorkflowThatTakesNone_IsRefusedRatherThanIgnored()
    {
        var run = await CliRun.ExecuteAsync(
            "generate", "a cat", "--workflow", RepositoryFixtures.FixturePath("comfy", "workflows", "ws_image.json"), "--comfy", simulator.BaseAddress.ToString(), "--out", outDir);

        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains("takes no prompt", run.Errors, StringComparison.Ordinal);
        Assert.Contains("{{prompt}}", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", run.Errors + run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AParameterTheWorkflowDoesNotBind_IsRefusedWithTheFix_InPlainWords()
    {
        var run = await CliRun.ExecuteAsync(
            "generate", "--workflow", RepositoryFixtures.FixturePath("comfy", "workflows", "ws_image.json"), "--param", "steps=3", "--comfy", simulator.BaseAddress.ToString(), "--out", outDir);

        Assert.Equal(ExitCode.InvalidWorkflow, run.Code);
        Assert.Contains("has no binding for 'steps'", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunThatSavesNoImage_SaysSo_AndDoesNotExitZero()
    {
        var workflow = Txt2Img();
        workflow.Remove("9");

        var run = await CliRun.ExecuteAsync(
            "generate", "a cat", "--workflow", WriteWorkflow("preview-only.json", workflow), "--comfy", simulator.BaseAddress.ToString(), "--out", outDir);

        Assert.Equal(ExitCode.NoImage, run.Code);
        Assert.Contains("Finished without an image", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Done: 0 images", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOutputComfyUiDrops_IsNamedWithItsReason_AndTheOthersAreSaved()
    {
        var workflow = Txt2Img();
        workflow["20"] = new JsonObject { ["class_type"] = "LoadImage", ["inputs"] = new JsonObject { ["image"] = "not_uploaded.png" } };
        workflow["21"] = new JsonObject { ["class_type"] = "SaveImage", ["inputs"] = new JsonObject { ["images"] = new JsonArray("20", 0), ["filename_prefix"] = "second" } };

        var run = await CliRun.ExecuteAsync(
            "generate", "a cat", "--workflow", WriteWorkflow("partial.json", workflow), "--comfy", simulator.BaseAddress.ToString(), "--out", outDir);

        Assert.True(run.Code == ExitCode.Success, run.Errors + run.Output);
        Assert.Contains("warning: ComfyUI will not run output node 21 (SaveImage): node 20 (LoadImage), input 'image'", run.Errors, StringComparison.Ordinal);
        Assert.Contains("⚠️ ComfyUI skipped 1 output of this workflow:\n- node 21 (SaveImage)", run.Output, StringComparison.Ordinal);
        Assert.Contains("not_uploaded.png", run.Output, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(outDir, "*.png").Length);
    }
}

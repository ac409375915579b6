using ComfyBot.Cli;
using ComfyBot.Simulator;
using ComfyBot.Testing;

namespace ComfyBot.Tests.Cli;

public sealed class GenerateCommandTests : IAsyncLifetime
{
    private readonly string outDir = Path.Combine(Path.GetTempPath(), "comfybot-cli-" + Guid.NewGuid().ToString("N"));
    private ComfySimulator simulator = null!;

    public async Task InitializeAsync() =>
        simulator = await ComfySimulator.StartAsync(new SimulatorOptions { DataDirectory = outDir + "-sim" });

    public async Task DisposeAsync()
    {
        await simulator.DisposeAsync();
        foreach (var dir in new[] { outDir, outDir + "-sim" })
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Generate_OnASimulator_SavesThePngsAndPrintsTheirPaths()
    {
        var run = await CliRun.ExecuteAsync(
            "generate", "a red fox in snow", "--seed", "42", "--param", "batch=2", "--param", "width=256", "--param", "height=256",
            "--comfy", simulator.BaseAddress.ToString(), "--out", outDir);

        Assert.True(run.Code == ExitCode.Success, run.Errors + run.Output);
        var files = Directory.GetFiles(outDir, "*.png");
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.Contains(f, run.Output, StringComparison.Ordinal));
        Assert.All(files, f => Assert.Equal([0x89, 0x50, 0x4E, 0x47], File.ReadAllBytes(f).Take(4)));
        Assert.Contains("✅ Done: 2 images · seed 42", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_WithTheRecordedWorkflow_RunsIt()
    {
        // Slow enough that the tracker sees the run rather than only its history: an instant job that is
        // finished before the first look is (rightly) reported from history with no steps to show.
        simulator.StepsPerSecond = 10;
        var workflow = RepositoryFixtures.FixturePath("comfy", "workflows", "txt2img.json");

        var run = await CliRun.ExecuteAsync(
            "generate", "a cat", "--workflow", workflow, "--param", "steps=3", "--comfy", simulator.BaseAddress.ToString(), "--out", outDir);

        Assert.True(run.Code == ExitCode.Success, run.Errors + run.Output);
        Assert.True(run.Output.Contains("step 3/3", StringComparison.Ordinal), run.Output);
    }

    [Fact]
    public async Task Generate_WhenANodeFails_ExitsWithGenerationFailedAndNamesTheNode()
    {
        simulator.FailNode = "KSampler";

        var run = await CliRun.ExecuteAsync("generate", "a cat", "--comfy", simulator.BaseAddress.ToString(), "--out", outDir);

        Assert.Equal(ExitCode.GenerationFailed, run.Code);
        Assert.Contains("❌ Failed in node 3 (KSampler)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_ValuesOutOfRange_AreRefusedBeforeSubmittingWithTheNodeAndTheFix()
    {
        var run = await CliRun.ExecuteAsync("generate", "a cat", "--param", "steps=20000", "--comfy", simulator.BaseAddress.ToString());

        Assert.Equal(ExitCode.InvalidWorkflow, run.Code);
        Assert.Contains("node 3 (KSampler) input 'steps'", run.Errors, StringComparison.Ordinal);
        Assert.Contains("Fix:", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_UiFormatWorkflow_IsRefusedWithHowToExportTheApiFormat()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ui-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{"nodes": [], "links": [], "version": 0.4}""");
        try
        {
            var run = await CliRun.ExecuteAsync("generate", "a cat", "--workflow", path, "--comfy", simulator.BaseAddress.ToString());

            Assert.Equal(ExitCode.InvalidWorkflow, run.Code);
            Assert.Contains("API", run.Errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Generate_ServerDown_ExitsWithBackendUnreachable()
    {
        // A port nothing listens on: the simulator's, once it has stopped.
        var address = simulator.BaseAddress;
        await simulator.DisposeAsync();
        simulator = await ComfySimulator.StartAsync(new SimulatorOptions { DataDirectory = outDir + "-sim" });

        var run = await CliRun.ExecuteAsync("generate", "a cat", "--comfy", address.ToString());

        Assert.Equal(ExitCode.BackendUnreachable, run.Code);
        Assert.NotEmpty(run.Errors);
    }
}

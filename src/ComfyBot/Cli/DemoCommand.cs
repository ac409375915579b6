using ComfyBot.Comfy.Tracking;
using ComfyBot.Simulator;

namespace ComfyBot.Cli;

/// <summary>
/// <c>demo</c>: the product with nothing installed. Starts a ComfyUI simulator in-process on a loopback port and
/// runs the built-in workflow on it, printing each state of the reply on its own line, as the Discord message
/// will show it.
/// </summary>
internal sealed class DemoCommand(TextWriter output, TextWriter errors, TimeProvider time)
{
    /// <summary>The prompt the demo draws when none is given.</summary>
    public const string DefaultPrompt = "a lighthouse at dusk, oil painting";

    public async Task<ExitCode> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        if (line.Positionals.Count > 1)
        {
            throw new UsageException($"demo takes at most one prompt; quote it if it has spaces (got {line.Positionals.Count} words).");
        }

        var prompt = line.Positionals.Count == 1 ? line.Positionals[0] : DefaultPrompt;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "comfybot-demo-" + Guid.NewGuid().ToString("N")[..8]);

        // Slow enough to watch the steps go by, fast enough to finish in a few seconds.
        await using var simulator = await ComfySimulator.StartAsync(
            new SimulatorOptions { StepsPerSecond = 8, DataDirectory = dataDirectory, TimeProvider = time }, cancellationToken);
        output.WriteLine($"ComfyUI simulator listening on {simulator.BaseAddress} (no GPU needed).");
        output.WriteLine($"/imagine prompt: {prompt}");

        // Someone else's job is already on the GPU, as on any shared server: the reply counts it. It is held
        // after its first steps until ours is seen waiting, so the queued state shows however slow the machine.
        simulator.HoldSampling(afterSteps: 2);
        simulator.EnqueueForeignPrompt(steps: 6);

        var template = DefaultWorkflow.Load();
        var parameters = CliApp.ReadParameters(line, prompt) with { Steps = 12 };
        var request = new GenerateRequest(template, parameters, line.Option("out") ?? "comfybot-output");

        using var logging = CliApp.CreateLogging();
        await using var comfy = new ComfyConnection(simulator.BaseAddress, logging, time);
        var job = new GenerateJob(comfy, new ReplyPrinter(output, redrawInPlace: false), output, errors, time)
        {
            OnSnapshot = snapshot =>
            {
                if (snapshot is JobQueued or JobRunning)
                {
                    simulator.ReleaseSampling();
                }
            },
        };
        var result = await job.RunAsync(request, cancellationToken);
        TryDelete(dataDirectory);
        return result;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the images the user asked for were saved elsewhere.
        }
    }
}

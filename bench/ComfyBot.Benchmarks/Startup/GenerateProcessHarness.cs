using System.Diagnostics;
using System.Globalization;
using ComfyBot.Benchmarks.AckLatency;
using ComfyBot.Simulator;

namespace ComfyBot.Benchmarks.Startup;

/// <summary>
/// Load harness: one job as a fresh process, the way an operator or a script runs it. Starts the ComfyUI simulator
/// in-process (instant sampling unless <c>--steps-per-second</c> says otherwise) and runs
/// <c>comfybot generate "a lighthouse at dusk" --comfy URL --out DIR</c> <c>--runs</c> times, each a new process, timing
/// process start to exit. The simulator answers generate's requests once before the runs (a real ComfyUI is warm); the first run is printed apart (the OS file cache may be cold for it). <c>--bot</c> names
/// the build: a ComfyBot.dll (run with <c>dotnet</c>) or an executable (the Native AOT publish). Usage:
/// <c>generate-process [--runs 10] [--steps-per-second 0] [--bot path/ComfyBot.dll | path/ComfyBot]</c>.
/// </summary>
internal static class GenerateProcessHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = AckLatencyHarness.Option(args, "--runs", 10);
        var stepsPerSecond = AckLatencyHarness.Option(args, "--steps-per-second", 0);
        var at = Array.IndexOf(args, "--bot");
        var bot = at >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : Path.Combine(AppContext.BaseDirectory, "ComfyBot.dll");
        await using var simulator = await ComfySimulator.StartAsync(new SimulatorOptions { StepsPerSecond = stepsPerSecond });
        // A real ComfyUI is a long-running, warm server: the simulator answers what generate asks once first, so the
        // runs do not include the stand-in's own first requests (its JIT, in this process).
        using (var http = new HttpClient { BaseAddress = simulator.BaseAddress })
        {
            foreach (var path in new[] { "object_info", "models/checkpoints", "queue" })
            {
                using var response = await http.GetAsync(path);
                response.EnsureSuccessStatusCode();
            }
        }

        var folder = Directory.CreateTempSubdirectory("comfybot-generate-");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generate-process: {runs} fresh processes, simulator at {stepsPerSecond} steps/s, bot {bot}, load average {LoadAverage()}"));
        try
        {
            var times = new List<double>(runs);
            for (var run = 0; run < runs; run++)
            {
                var (milliseconds, exit, output) = await RunOnceAsync(bot, simulator.BaseAddress, Path.Combine(folder.FullName, $"out-{run}"));
                if (exit != 0)
                {
                    Console.WriteLine($"  run {run + 1}: exit {exit}\n{output}");
                    return 1;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run + 1}: {milliseconds:0} ms"));
                times.Add(milliseconds);
            }

            var rest = times.Skip(1).Order().ToList();
            if (rest.Count > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"first {times[0]:0} ms; the other {rest.Count}: median {rest[(rest.Count - 1) / 2]:0} ms, min {rest[0]:0} ms, max {rest[^1]:0} ms (load average now {LoadAverage()})"));
            }

            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(double Milliseconds, int Exit, string Output)> RunOnceAsync(string bot, Uri comfy, string output)
    {
        var managed = bot.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(managed ? "dotnet" : bot) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (managed)
        {
            start.ArgumentList.Add(bot);
        }

        foreach (var arg in new[] { "generate", "a lighthouse at dusk", "--seed", "42", "--comfy", comfy.ToString(), "--out", output })
        {
            start.ArgumentList.Add(arg);
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return (elapsed, process.ExitCode, await stdout + await stderr);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ComfyBot.Benchmarks.AckLatency;
using ComfyBot.Benchmarks.Load;
using ComfyBot.Comfy.Events;
using ComfyBot.Testing;

namespace ComfyBot.Benchmarks.Events;

/// <summary>
/// Parsing per CPU-second, ours against the seed loop's (CPython <c>json.loads</c> plus its type check,
/// <c>parse_seed.py</c>), on the same frames in the same run (issue 15: the mixed trace at 10x, a 64-image
/// <c>executed</c> at 3x). The mixed trace is every text frame of the recorded traces
/// (tests/fixtures/comfy/traces, in recording order); the large message is the recorded <c>executed</c> shape with
/// 64 images. CPU time is the whole process's (GC and JIT threads included), not wall time, so load from other
/// processes moves both sides less than it moves a stopwatch. Rounds alternate the two sides; the medians and the
/// ratio are printed. Usage: <c>parse-vs-python [--rounds 3] [--cpu-seconds 2]</c>.
/// </summary>
internal static class ParseVsPythonHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = AckLatencyHarness.Option(args, "--rounds", 3);
        var cpuSeconds = AckLatencyHarness.Option(args, "--cpu-seconds", 2);
        var folder = Path.Combine(Path.GetTempPath(), "comfybot-parse-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var inputs = new[]
            {
                ("mixed trace", Write(folder, "mixed.jsonl", MixedTrace())),
                ("executed, 64 images", Write(folder, "executed64.jsonl", [Executed(64)])),
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"parse-vs-python: {rounds} round(s), at least {cpuSeconds} CPU-s per side and input; load average {LoadMeasures.LoadAverage()}"));
            foreach (var (name, path) in inputs)
            {
                var frames = File.ReadAllLines(path);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name}: {frames.Length} frame(s), {frames.Sum(f => Encoding.UTF8.GetByteCount(f)) / (double)frames.Length:0} bytes per frame on average"));
            }

            var ours = inputs.ToDictionary(i => i.Item1, _ => new List<double>());
            var python = inputs.ToDictionary(i => i.Item1, _ => new List<double>());
            string? pythonVersion = null;
            for (var round = 0; round < rounds; round++)
            {
                var pythonFirst = round % 2 == 1;
                if (pythonFirst)
                {
                    pythonVersion = await RunPythonAsync(inputs, cpuSeconds, python);
                }

                foreach (var (name, path) in inputs)
                {
                    ours[name].Add(OursPerCpuSecond(File.ReadAllLines(path).Select(Encoding.UTF8.GetBytes).ToArray(), cpuSeconds));
                }

                if (!pythonFirst)
                {
                    pythonVersion = await RunPythonAsync(inputs, cpuSeconds, python);
                }

                foreach (var (name, _) in inputs)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  round {round + 1}, {name}: ComfyEventParser {ours[name][^1]:N0}/CPU-s, CPython {python[name][^1]:N0}/CPU-s, {ours[name][^1] / python[name][^1]:0.0}x"));
                }
            }

            if (args.Contains("--by-type"))
            {
                PrintByType(MixedTrace());
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"medians over rounds (CPython {pythonVersion}; load average now {LoadMeasures.LoadAverage()}):"));
            foreach (var (name, _) in inputs)
            {
                var a = Median(ours[name]);
                var b = Median(python[name]);
                var target = name.StartsWith("mixed", StringComparison.Ordinal) ? 10 : 3;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name}: ComfyEventParser {a:N0} messages/CPU-s, seed loop (CPython json.loads) {b:N0}/CPU-s: {a / b:0.0}x (target {target}x: {(a / b >= target ? "met" : "NOT met")})"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Every text frame of the recorded traces, in file and recording order.</summary>
    internal static List<string> MixedTrace()
    {
        var frames = new List<string>();
        foreach (var file in Directory.GetFiles(RepositoryFixtures.FixturePath("comfy", "traces"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file))
            {
                using var record = JsonDocument.Parse(line);
                if (record.RootElement.GetProperty("kind").GetString() == "ws_text")
                {
                    frames.Add(record.RootElement.GetProperty("raw").GetString()!);
                }
            }
        }

        return frames;
    }

    /// <summary>The recorded <c>executed</c> shape (02_txt2img, SaveImage) with <paramref name="images"/> images.</summary>
    internal static string Executed(int images)
    {
        var files = string.Join(", ", Enumerable.Range(1, images).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $$"""{"filename": "trace_txt2img_{{i:00000}}_.png", "subfolder": "", "type": "output"}""")));
        return $$$"""{"type": "executed", "data": {"node": "9", "display_node": "9", "output": {"images": [{{{files}}}]}, "prompt_id": "a2c5015b-ca1b-4fe0-b80a-ae115fe0dc00"}}""";
    }

    /// <summary>Where the mixed trace's time goes: our CPU time per message of each type, and each type's share.</summary>
    private static void PrintByType(List<string> frames)
    {
        Console.WriteLine("  ComfyEventParser by message type (mixed trace; reader = no fixed-shape fast path, every frame through Utf8JsonReader; eager = the reader path with every part read at parse time, as before the lazy parts):");
        foreach (var group in frames.GroupBy(f => JsonDocument.Parse(f).RootElement.GetProperty("type").GetString()!))
        {
            var bytes = group.Select(Encoding.UTF8.GetBytes).ToArray();
            var rate = OursPerCpuSecond(bytes, 1);
            var reader = OursPerCpuSecond(bytes, 1, fixedShapes: false);
            var eager = OursPerCpuSecond(bytes, 1, eager: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {group.Key,-22} {bytes.Length,4} frames, {bytes.Average(b => b.Length),5:0} bytes: {1e9 / rate,7:0} ns/message (reader {1e9 / reader,5:0}, eager {1e9 / eager,5:0}), {bytes.Length * 1e9 / rate / 1000,7:0.0} us of a pass"));
        }

        var large = new[] { Encoding.UTF8.GetBytes(Executed(64)) };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    executed, 64 images: {1e9 / OursPerCpuSecond(large, 1),7:0} ns/message (reader {1e9 / OursPerCpuSecond(large, 1, fixedShapes: false),5:0}, eager {1e9 / OursPerCpuSecond(large, 1, eager: true),5:0})"));
    }

    private static string Write(string folder, string name, List<string> frames)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllLines(path, frames);
        return path;
    }

    /// <summary>One parser, as one connection has; a pass over every frame until the CPU time is spent.</summary>
    private static double OursPerCpuSecond(byte[][] frames, int minimumCpuSeconds, bool eager = false, bool fixedShapes = true)
    {
        var parser = new ComfyEventParser(eager, fixedShapes: fixedShapes && !eager);
        var sink = 0;
        for (var warm = 0; warm < 200; warm++)
        {
            foreach (var frame in frames)
            {
                sink += parser.Parse(frame) is ExecutedEvent e ? e.Files.Count : 1;
            }
        }

        var count = 0L;
        var start = Environment.CpuUsage.TotalTime;
        TimeSpan spent;
        do
        {
            for (var pass = 0; pass < 50; pass++)
            {
                foreach (var frame in frames)
                {
                    sink += parser.Parse(frame) is ExecutedEvent e ? e.Files.Count : 1;
                }

                count += frames.Length;
            }

            spent = Environment.CpuUsage.TotalTime - start;
        }
        while (spent.TotalSeconds < minimumCpuSeconds);

        GC.KeepAlive(sink);
        return count / spent.TotalSeconds;
    }

    private static async Task<string> RunPythonAsync((string Name, string Path)[] inputs, int cpuSeconds, Dictionary<string, List<double>> into)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Events", "parse_seed.py"));
        start.ArgumentList.Add(cpuSeconds.ToString(CultureInfo.InvariantCulture));
        foreach (var (_, path) in inputs)
        {
            start.ArgumentList.Add(path);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"parse_seed.py failed with exit code {process.ExitCode}: {error}");
        }

        using var result = JsonDocument.Parse(output);
        foreach (var (name, path) in inputs)
        {
            into[name].Add(result.RootElement.GetProperty("rates").GetProperty(path).GetDouble());
        }

        return result.RootElement.GetProperty("python").GetString()!;
    }

    private static double Median(List<double> values) => LoadMeasures.Percentile(values, 0.5);
}

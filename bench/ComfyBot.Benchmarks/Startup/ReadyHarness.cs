using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ComfyBot.Benchmarks.AckLatency;
using ComfyBot.FakeDiscord;
using ComfyBot.Simulator;
using ComfyBot.Testing;

namespace ComfyBot.Benchmarks.Startup;

/// <summary>
/// Load harness: process start to gateway READY, ComfyBot (<c>comfybot run</c> as a fresh process, one simulator as
/// its GPU server) next to a discord.py bot on the same FakeDiscord, in the same run, rounds alternating. With
/// <c>--object-info-delay-ms</c> the simulator takes that long over GET /object_info, as a real ComfyUI with many
/// custom nodes does: READY should not grow by it, since the first check of the servers runs in the background
/// (issue 15). For ComfyBot it also prints when that first check finished, as /healthz reports it. The simulator
/// answers the start-up requests once before each client starts (a real ComfyUI is warm; its JIT is not the bot's).
/// Usage: <c>startup-ready [--rounds 5] [--object-info-delay-ms 0] [--bot path/ComfyBot.dll | path/ComfyBot]</c>.
/// </summary>
internal static class ReadyHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = AckLatencyHarness.Option(args, "--rounds", 5);
        var delay = TimeSpan.FromMilliseconds(AckLatencyHarness.Option(args, "--object-info-delay-ms", 0));
        var at = Array.IndexOf(args, "--bot");
        var bot = at >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : Path.Combine(AppContext.BaseDirectory, "ComfyBot.dll");
        var peer = DiscordPyAvailable();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"startup-ready: {rounds} round(s), /object_info delay {delay.TotalMilliseconds:0} ms, bot {bot}, discord.py {(peer ? "yes" : "not installed")}, load average {LoadAverage()}"));
        var ours = new List<(double Ready, double? FirstCheck)>();
        var theirs = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            // Alternate the order, so that neither client always runs on the machine the other left.
            var order = round % 2 == 0 ? new[] { true, false } : [false, true];
            foreach (var comfyBot in order)
            {
                if (comfyBot)
                {
                    var run = await ComfyBotAsync(bot, delay);
                    ours.Add(run);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ComfyBot   round {round + 1}: READY {run.Ready:0} ms, first check finished {run.FirstCheck:0} ms after start"));
                }
                else if (peer)
                {
                    var ready = await DiscordPyAsync();
                    theirs.Add(ready);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  discord.py round {round + 1}: READY {ready:0} ms"));
                }
            }
        }

        var medianReady = Median(ours.Select(r => r.Ready));
        var medianCheck = Median(ours.Select(r => r.FirstCheck ?? double.NaN));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"medians (load average now {LoadAverage()}): ComfyBot READY {medianReady:0} ms, its first check finished at {medianCheck:0} ms"));
        if (theirs.Count > 0)
        {
            var peerReady = Median(theirs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  discord.py READY {peerReady:0} ms; ComfyBot / discord.py: {medianReady / peerReady:0.00}x"));
        }

        return 0;
    }

    private static async Task<(double Ready, double? FirstCheck)> ComfyBotAsync(string bot, TimeSpan delay)
    {
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions());
        await using var simulator = await ComfySimulator.StartAsync(new SimulatorOptions { ObjectInfoDelay = delay });
        var folder = Directory.CreateTempSubdirectory("comfybot-ready-");
        try
        {
            await WarmAsync(simulator.BaseAddress);
            var health = new Uri($"http://127.0.0.1:{FreePort()}/");
            var start = BotProcess.Start(bot, "ready", fake, simulator, folder.FullName, health);
            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
            Drain(process);
            try
            {
                await fake.Gateway.WaitForReadyAsync().WaitAsync(TimeSpan.FromSeconds(120));
                var ready = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var firstCheck = await FirstCheckAsync(health, started);
                return (ready, firstCheck);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>When /healthz first reports the first check as finished, from process start; null for a bot without it (older builds).</summary>
    private static async Task<double?> FirstCheckAsync(Uri health, long started)
    {
        using var http = new HttpClient { BaseAddress = health, Timeout = TimeSpan.FromSeconds(10) };
        var until = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * 120.0);
        while (Stopwatch.GetTimestamp() < until)
        {
            try
            {
                using var document = JsonDocument.Parse(await http.GetStringAsync("healthz"));
                if (!document.RootElement.TryGetProperty("firstCheck", out var first))
                {
                    // An older build checked before READY, so by now its first check is over: report READY's figure.
                    return document.RootElement.GetProperty("backends")[0].GetProperty("state").GetString() == "up" ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : null;
                }

                if (first.ValueKind == JsonValueKind.Object)
                {
                    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(5);
        }

        return null;
    }

    private static async Task<double> DiscordPyAsync()
    {
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions());
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AckLatency", "ack_client.py"));
        start.Environment["FAKEDISCORD_API"] = fake.BaseAddress.ToString();
        start.Environment["FAKEDISCORD_GATEWAY"] = fake.GatewayUrl.ToString();
        start.Environment["FAKEDISCORD_TOKEN"] = fake.BotToken;
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        Drain(process);
        try
        {
            await fake.Gateway.WaitForReadyAsync().WaitAsync(TimeSpan.FromSeconds(120));
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task WarmAsync(Uri simulator)
    {
        using var http = new HttpClient { BaseAddress = simulator, Timeout = TimeSpan.FromMinutes(2) };
        foreach (var path in new[] { "system_stats", "queue", "object_info", "models/checkpoints" })
        {
            using var response = await http.GetAsync(path);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Reads a child's output so a full pipe never stalls it.</summary>
    private static void Drain(Process process)
    {
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool DiscordPyAvailable()
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            return false;
        }

        using var probe = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import discord"]) { RedirectStandardError = true })!;
        probe.WaitForExit();
        return probe.ExitCode == 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[(sorted.Count - 1) / 2];
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}

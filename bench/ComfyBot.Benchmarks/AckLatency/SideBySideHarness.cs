using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ComfyBot.FakeDiscord;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Simulator;
using ComfyBot.Testing;

namespace ComfyBot.Benchmarks.AckLatency;

/// <summary>
/// Load harness: the same bursts of slash commands against the same FakeDiscord, answered once by ComfyBot itself
/// (<c>comfybot run</c> as a fresh process, with a simulator as its GPU server) and once by a discord.py bot doing
/// the same cheap reply (<c>ack_client.py</c>), when discord.py is installed. Each client is a new process, so the
/// first burst is the cold one a real bot meets after a start or a quiet night; the second is warm. Prints, per
/// client: process start to gateway READY, resident memory at idle and after the bursts, and INTERACTION_CREATE
/// created to callback received (FakeDiscord's own stamps on one clock) for each burst; then ComfyBot's ratios to
/// the peer. <c>--bot</c> names another build: a ComfyBot.dll (e.g. a ReadyToRun publish) or an executable (the Native AOT publish's ComfyBot). Usage:
/// <c>ack-side-by-side [--burst 400] [--rate 200] [--rounds 3] [--bursts 2] [--idle-after 0] [--bot path/ComfyBot.dll | path/ComfyBot]</c>.
/// <c>--bursts</c> runs more bursts than the cold and the warm one, and <c>--idle-after</c> waits that many seconds
/// at idle after the last: after each, the client's RssAnon, RssFile, threads and sockets are printed, so a plateau
/// or growth shows. During every burst the client's threads and sockets are sampled every few milliseconds and
/// printed as steps with their time, with the first and the slowest interactions (by arrival), so a connection
/// opened or a thread injected mid-burst shows next to the interactions that were slow then.
/// </summary>
internal static class SideBySideHarness
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        var burst = AckLatencyHarness.Option(args, "--burst", 400);
        var rate = AckLatencyHarness.Option(args, "--rate", 200);
        var rounds = AckLatencyHarness.Option(args, "--rounds", 3);
        var bursts = Math.Max(2, AckLatencyHarness.Option(args, "--bursts", 2));
        var idleAfter = TimeSpan.FromSeconds(AckLatencyHarness.Option(args, "--idle-after", 0));
        var at = Array.IndexOf(args, "--bot");
        var bot = at >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : Path.Combine(AppContext.BaseDirectory, "ComfyBot.dll");
        var clients = new List<ClientKind> { ClientKind.ComfyBot };
        if (DiscordPyMissing() is { } why)
        {
            Console.WriteLine($"discord.py: skipped ({why}); only ComfyBot is measured.");
        }
        else
        {
            clients.Add(ClientKind.DiscordPy);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack-side-by-side: bursts of {burst} slash commands at {rate}/s, {rounds} round(s) per client, bot {bot}, load average {LoadAverage()}"));
        // FakeDiscord runs in this process and is JIT-compiled on its first interactions: whichever client went first
        // paid for the fake's cold callback path inside its own latencies (ComfyBot, in round 1). One short burst
        // answered by the last client, not counted, warms the fake first.
        var warmUp = await RunClientAsync(clients[^1], bot, Math.Min(burst, 100), rate, 2, TimeSpan.Zero, quiet: true);
        Console.WriteLine($"  harness warm-up, not counted ({clients[^1]}, 2 bursts of {Math.Min(burst, 100)}): {warmUp}");
        var results = new Dictionary<ClientKind, List<ClientRun>>();
        for (var round = 0; round < rounds; round++)
        {
            // Alternate the order, so that neither client always runs on the machine the other left.
            foreach (var kind in round % 2 == 0 ? clients : Enumerable.Reverse(clients))
            {
                var run = await RunClientAsync(kind, bot, burst, rate, bursts, idleAfter);
                Console.WriteLine($"  {kind,-9} round {round + 1}: {run}");
                (results.TryGetValue(kind, out var list) ? list : results[kind] = []).Add(run);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"medians over rounds (load average now {LoadAverage()}):"));
        foreach (var (kind, runs) in results)
        {
            Console.WriteLine($"  {kind,-9} {ClientRun.Median(runs)}");
        }

        if (results.TryGetValue(ClientKind.DiscordPy, out var peer))
        {
            var ours = ClientRun.Median(results[ClientKind.ComfyBot]);
            var theirs = ClientRun.Median(peer);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ComfyBot / discord.py: READY {ours.ReadyMs / theirs.ReadyMs:0.00}x, cold p99 {ours.Cold.P99 / theirs.Cold.P99:0.00}x, warm p99 {ours.Warm.P99 / theirs.Warm.P99:0.00}x, idle RSS {ours.IdleRssMb / theirs.IdleRssMb:0.00}x, RSS after bursts {ours.AfterRssMb / theirs.AfterRssMb:0.00}x"));
        }

        return results.Values.SelectMany(r => r).All(r => r.Cold.Answered == burst && r.Warm.Answered == burst) ? 0 : 1;
    }

    private static async Task<ClientRun> RunClientAsync(ClientKind kind, string bot, int burst, int rate, int bursts, TimeSpan idleAfter, bool quiet = false)
    {
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions());
        await using var simulator = await ComfySimulator.StartAsync(new SimulatorOptions());
        var folder = Directory.CreateTempSubdirectory("comfybot-sbs-");
        try
        {
            // A real ComfyUI is a long-running, warm server: the simulator answers the bot's start-up probe once first,
            // so that READY does not include the stand-in's own first requests (its JIT, in this process).
            await WarmAsync(simulator.BaseAddress);
            var start = kind == ClientKind.ComfyBot ? BotProcess.Start(bot, "sbs", fake, simulator, folder.FullName) : DiscordPyProcess(fake);
            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
            var output = new ProcessOutput(process);
            try
            {
                await fake.Gateway.WaitForReadyAsync().WaitAsync(TimeSpan.FromSeconds(60));
                var ready = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                await Task.Delay(Idle);
                var idleRss = ResidentMb(process);
                var log = quiet ? TextWriter.Null : Console.Out;
                log.WriteLine($"    {kind} idle after READY: {ProcessState.Read(process.Id)} ({ProcessState.ThreadKinds(process.Id)})");
                var done = new List<Burst>(bursts);
                for (var n = 1; n <= bursts; n++)
                {
                    Burst each;
                    using (var sampler = new ProcessSampler(process.Id))
                    {
                        each = await BurstAsync(fake, burst, rate);
                        log.WriteLine($"    {kind} burst {n}: {each}; during it {sampler.Describe()}");
                        log.WriteLine($"      first 10 (ms): {each.First}; slowest: {each.Slowest}");
                    }

                    done.Add(each);
                    await Task.Delay(Idle);
                    log.WriteLine($"    {kind} {Idle.TotalSeconds:0} s after burst {n}: {ProcessState.Read(process.Id)} ({ProcessState.ThreadKinds(process.Id)})");
                }

                if (idleAfter > TimeSpan.Zero)
                {
                    await Task.Delay(idleAfter);
                    log.WriteLine($"    {kind} {idleAfter.TotalSeconds:0} s more at idle: {ProcessState.Read(process.Id)} ({ProcessState.ThreadKinds(process.Id)})");
                }

                return new ClientRun(ready, idleRss, ResidentMb(process), done[0], done[1]);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{kind} did not answer in time; its output ends with:\n{output.Tail()}", e);
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

    private static async Task WarmAsync(Uri simulator)
    {
        using var http = new HttpClient { BaseAddress = simulator };
        foreach (var path in new[] { "system_stats", "queue", "object_info", "models/checkpoints" })
        {
            using var response = await http.GetAsync(path);
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task<Burst> BurstAsync(FakeDiscordServer fake, int count, int rate)
    {
        var sent = new List<FakeInteraction>(count);
        var clock = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        while (sent.Count < count)
        {
            var due = Math.Min(count, (int)(clock.Elapsed.TotalSeconds * rate) + 1);
            while (sent.Count < due)
            {
                sent.Add(fake.CreateSlashCommand("queue"));
            }

            await tick.WaitForNextTickAsync();
        }

        var latencies = new List<double>(count);
        foreach (var interaction in sent)
        {
            var callback = await interaction.WaitForCallbackAsync().WaitAsync(TimeSpan.FromSeconds(30));
            latencies.Add((callback.At - interaction.CreatedAt).TotalMilliseconds);
        }

        // Arrival time of each interaction from the burst's first, to place the slow ones in the burst.
        var first = sent[0].CreatedAt;
        var slowest = Enumerable.Range(0, sent.Count).OrderByDescending(i => latencies[i]).Take(8)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"#{i + 1} at {(sent[i].CreatedAt - first).TotalMilliseconds:0} ms: {latencies[i]:0.0}"));
        return Burst.Of(latencies) with
        {
            First = string.Join(' ', latencies.Take(10).Select(l => l.ToString("0.0", CultureInfo.InvariantCulture))),
            Slowest = string.Join(", ", slowest),
        };
    }

    private static ProcessStartInfo DiscordPyProcess(FakeDiscordServer fake)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AckLatency", "ack_client.py"));
        start.Environment["FAKEDISCORD_API"] = fake.BaseAddress.ToString();
        start.Environment["FAKEDISCORD_GATEWAY"] = fake.GatewayUrl.ToString();
        start.Environment["FAKEDISCORD_TOKEN"] = fake.BotToken;
        return start;
    }

    private static string? DiscordPyMissing()
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            return "/usr/bin/python3 is missing";
        }

        using var probe = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import discord"]) { RedirectStandardError = true })!;
        probe.WaitForExit();
        return probe.ExitCode == 0 ? null : "python3 cannot import discord: install the Debian package python3-discord";
    }

    private static double ResidentMb(Process process)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return double.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024;
            }
        }

        return double.NaN;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private enum ClientKind
    {
        ComfyBot,
        DiscordPy,
    }

    private sealed record Burst(int Answered, double P50, double P99, double Max)
    {
        public string First { get; init; } = "";

        public string Slowest { get; init; } = "";

        public static Burst Of(List<double> samples) =>
            new(samples.Count, AckLatencyHarness.Percentile(samples, 0.50), AckLatencyHarness.Percentile(samples, 0.99), samples.Max());

        public static Burst Median(IEnumerable<Burst> bursts)
        {
            var all = bursts.ToList();
            return new Burst(all.Min(b => b.Answered), MedianOf(all.Select(b => b.P50)), MedianOf(all.Select(b => b.P99)), MedianOf(all.Select(b => b.Max)));
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"p50 {P50:0.0} ms, p99 {P99:0.0} ms, max {Max:0.0} ms");
    }

    private sealed record ClientRun(double ReadyMs, double IdleRssMb, double AfterRssMb, Burst Cold, Burst Warm)
    {
        public static ClientRun Median(List<ClientRun> runs) => new(
            MedianOf(runs.Select(r => r.ReadyMs)),
            MedianOf(runs.Select(r => r.IdleRssMb)),
            MedianOf(runs.Select(r => r.AfterRssMb)),
            Burst.Median(runs.Select(r => r.Cold)),
            Burst.Median(runs.Select(r => r.Warm)));

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"READY {ReadyMs:0} ms · RSS idle {IdleRssMb:0.0} MB, after bursts {AfterRssMb:0.0} MB · cold {Cold} · warm {Warm}");
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    /// <summary>Drains a child's output (a full pipe would stall it) and keeps its end for an error message.</summary>
    private sealed class ProcessOutput
    {
        private readonly Queue<string> _lines = new();

        public ProcessOutput(Process process)
        {
            process.OutputDataReceived += (_, e) => Keep(e.Data);
            process.ErrorDataReceived += (_, e) => Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Tail()
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lines)
            {
                _lines.Enqueue(line);
                if (_lines.Count > 40)
                {
                    _lines.Dequeue();
                }
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using ComfyBot.Benchmarks.AckLatency;

namespace ComfyBot.Benchmarks.Load;

/// <summary>
/// <c>queue-memory --bot PATH</c>: the bot as it is deployed, alone in its own process (a Native AOT executable, or a
/// ComfyBot.dll run by <c>dotnet</c>), against FakeDiscord and the simulators in this process, so nothing of theirs is
/// weighed. The bot cannot be asked to collect from outside; its idle trim (EventId 5200) runs one compacting
/// collection once it is quiet after a busy spell and logs the live managed heap that collection left. B0 is that
/// heap after the warm-up jobs, B1 after <c>--jobs</c> are queued with sampling held on every simulator; per queued
/// job (B1 - B0) / N. When no trim comes within <c>--trim-wait</c> seconds the run says so and prints no figure:
/// either the bot never went quiet (something allocates per queued job at idle) or the trim did not run.
/// </summary>
internal static class QueueMemoryProcessHarness
{
    private const int TrimEventId = 5200;
    private const int WarmUpBatches = 5;

    private sealed record Trim(double LiveHeapMb, double ResidentMb, DateTime At);

    public static async Task<int> RunAsync(string bot, TimeSpan trimWait, LoadSettings settings)
    {
        Console.WriteLine($"queue-memory, the bot in its own process: {bot}");
        Console.WriteLine($"  {settings}; wait for the idle trim up to {trimWait.TotalSeconds:0} s");
        Console.WriteLine($"load average before: {LoadMeasures.LoadAverage()}");
        await using var bed = await LoadBed.StartAsync(settings, startHost: false);
        var folder = Directory.CreateTempSubdirectory("comfybot-queue-memory-");
        var trims = Channel.CreateUnbounded<Trim>();
        var lastLines = new Queue<string>();
        var start = BotProcess.FromSettings(bot, [
            .. bed.BotSettings,
            new("ComfyBot:Logging:Format", "Json"),
            new("ComfyBot:Logging:MinimumLevel", "Warning"),
            new("Logging:LogLevel:ComfyBot.Hosting.IdleMemoryTrim", "Information"),
        ], folder.FullName);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        process.OutputDataReceived += (_, e) => Read(e.Data, trims.Writer, lastLines);
        process.ErrorDataReceived += (_, e) => Read(e.Data, trims.Writer, lastLines);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await bed.Fake.Gateway.WaitForReadyAsync().WaitAsync(TimeSpan.FromSeconds(120));
            Console.WriteLine($"  bot process {process.Id} READY");
            return await WeighAsync(bed, process, trims.Reader, settings, trimWait) ? 0 : 1;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (lastLines)
            {
                if (lastLines.Count > 0)
                {
                    Console.WriteLine($"  the bot's last {lastLines.Count} other log lines (Warning and above):");
                    foreach (var line in lastLines)
                    {
                        Console.WriteLine("    " + line);
                    }
                }
            }

            folder.Delete(recursive: true);
            Console.WriteLine($"load average after: {LoadMeasures.LoadAverage()}");
        }
    }

    private static async Task<bool> WeighAsync(LoadBed bed, Process process, ChannelReader<Trim> trims, LoadSettings settings, TimeSpan trimWait)
    {
        var members = settings.MemberOrigins(1_400_000_000_000_002_000);

        // The trim needs a busy spell (8 MB allocated) before it collects: warm-up jobs make one, and run every path a
        // queued job takes once, so B0 holds the bot's fixed costs (JIT, pools, caches) and B1 adds only the jobs.
        Trim? b0 = null;
        var warmed = 0;
        for (var batch = 0; batch < WarmUpBatches && b0 is null; batch++)
        {
            for (var i = 0; i < Math.Max(settings.WarmUp, 1); i++, warmed++)
            {
                await bed.WaitForFinalAsync(bed.Imagine(members[warmed % members.Length], settings.Steps, seed: warmed), LoadBed.HangGuard);
            }

            b0 = await NextTrimAsync(trims, trimWait);
            Console.WriteLine(b0 is null
                ? $"  no idle trim within {trimWait.TotalSeconds:0} s of {warmed} warm-up jobs; running {settings.WarmUp} more"
                : $"  B0 after {warmed} warm-up jobs: the trim logged a live managed heap of {b0.LiveHeapMb:0.00} MB");
        }

        if (b0 is null)
        {
            Console.WriteLine($"NO FIGURE: the bot logged no idle trim (EventId {TrimEventId}) after {warmed} warm-up jobs, {WarmUpBatches} waits of {trimWait.TotalSeconds:0} s. Is it a build without the trim's heap reading?");
            return false;
        }

        await QueueMemoryHarness.PauseForDumpAsync("0 queued, in the bot's process " + process.Id);
        var idle0 = await QuietWindowAsync(bed, process);
        foreach (var simulator in bed.Simulators)
        {
            simulator.HoldSampling();
        }

        var submitted = Stopwatch.StartNew();
        var jobs = await QueueMemoryHarness.SubmitPacedAsync(bed, members, settings);
        var finals = jobs.Count(j => j.OriginalMessage is { } m && ReplyAudit.IsFinal(m.Current.Content));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {settings.Jobs} jobs submitted and answered in {submitted.Elapsed.TotalSeconds:0} s; {finals} of them ended (refused or failed) instead of waiting"));

        // Queued, and every reply has said so: from here a quiet bot allocates next to nothing, so the trim comes
        // after three quiet checks (about 30-40 s). One that never comes means something allocates per queued job.
        var b1 = await NextTrimAsync(trims, trimWait);
        if (b1 is null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"NO FIGURE: with {settings.Jobs} queued the bot logged no idle trim within {trimWait.TotalSeconds:0} s: it never went quiet (3 checks in a row under 1 MB allocated), so something allocates steadily while jobs wait. {process.TotalProcessorTime.TotalSeconds} CPU-s used so far."));
            return false;
        }

        Console.WriteLine($"  B1 with {settings.Jobs} submitted: the trim logged a live managed heap of {b1.LiveHeapMb:0.00} MB (bot process {process.Id})");
        await QueueMemoryHarness.PauseForDumpAsync("queued, in the bot's process " + process.Id);
        var queued = settings.Jobs - finals;
        if (queued <= 0)
        {
            Console.WriteLine($"NO FIGURE: all {settings.Jobs} jobs ended instead of waiting ({finals} final replies with sampling held), so nothing was weighed per queued job.");
            return false;
        }

        var idle1 = await QuietWindowAsync(bed, process);
        var perJob = (b1.LiveHeapMb - b0.LiveHeapMb) * 1024 * 1024 / queued;
        var rssPerJob = (idle1.RssMb - idle0.RssMb) * 1024 * 1024 / queued;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {queued} jobs queued in the bot's own process (pid {process.Id}), sampling held
              B0 live managed heap after the trim {b0.LiveHeapMb:0.00} MB; B1 {b1.LiveHeapMb:0.00} MB
              the bot per queued job (B1 - B0) / N:  {perJob / 1024:0.00} KB (target < 5 KB: {(perJob < 5 * 1024 ? "met" : "NOT met")})
              RSS (VmRSS) after the trim, 0 queued: {idle0.RssMb:0.0} MB (RssAnon {idle0.RssAnonMb:0.0}); {queued} queued: {idle1.RssMb:0.0} MB (RssAnon {idle1.RssAnonMb:0.0}): {rssPerJob / 1024:0.00} KB per job
              quiet, 0 queued:   {idle0}
              quiet, {queued} queued: {idle1}
            """));
        return true;
    }

    /// <summary>The next trim the bot logs, or null after <paramref name="wait"/>; the trims already read are skipped (they weighed an earlier state).</summary>
    private static async Task<Trim?> NextTrimAsync(ChannelReader<Trim> trims, TimeSpan wait)
    {
        while (trims.TryRead(out var earlier))
        {
            Console.WriteLine($"  (an earlier trim at {earlier.At:HH:mm:ss} skipped: {earlier.LiveHeapMb:0.00} MB)");
        }

        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await trims.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }
    }

    private sealed record Quiet(double RssMb, double RssAnonMb, double CpuMsPerSecond, int Requests)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"over 20 s: {CpuMsPerSecond:0.0} CPU-ms/s, {Requests} requests to FakeDiscord");
    }

    /// <summary>RSS now, then the bot's CPU time and its Discord requests over 20 s: a quiet bot uses next to none.</summary>
    private static async Task<Quiet> QuietWindowAsync(LoadBed bed, Process process)
    {
        var state = ProcessState.Read(process.Id);
        var cpu = process.TotalProcessorTime;
        var requests = bed.Fake.Requests.Count;
        await Task.Delay(TimeSpan.FromSeconds(20));
        return new Quiet(state.RssMb, state.RssAnonMb, (process.TotalProcessorTime - cpu).TotalMilliseconds / 20, bed.Fake.Requests.Count - requests);
    }

    private static void Read(string? line, ChannelWriter<Trim> trims, Queue<string> lastLines)
    {
        if (line is null)
        {
            return;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("EventId", out var id) && id.ValueKind == JsonValueKind.Number && id.GetInt32() == TrimEventId
                && root.TryGetProperty("State", out var state) && state.TryGetProperty("LiveHeap", out var heap))
            {
                trims.TryWrite(new Trim(Number(heap), Number(state.GetProperty("ResidentAfter")), DateTime.UtcNow));
                return;
            }
        }
        catch (JsonException)
        {
            // Not a log line (a runtime message): kept below.
        }

        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 20)
            {
                lastLines.Dequeue();
            }
        }
    }

    private static double Number(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? value.GetDouble()
        : double.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}

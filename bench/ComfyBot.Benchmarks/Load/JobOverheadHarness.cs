using System.Diagnostics;
using System.Globalization;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Benchmarks.Load;

/// <summary>
/// Per-job overhead of the whole bot on an instant simulator: from FakeDiscord creating the INTERACTION_CREATE to
/// FakeDiscord holding the final edit with the image, one job at a time (after a warm-up). Both ends are stamped by
/// FakeDiscord on the system clock, so the number covers gateway, routing, policies, the SQLite write, scheduling,
/// the ComfyUI round trip, /view, the reply throttle and the REST edits. Target: median under 30 ms.
/// Usage: <c>job-overhead [--jobs 200] [--warmup 20] [--interval 1500] [--steps 4]</c>.
/// </summary>
internal static class JobOverheadHarness
{
    private static readonly LoadSettings Defaults = new() { Jobs = 200, WarmUp = 20, StepsPerSecond = 0 };

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = LoadSettings.Parse(args, Defaults);
        Console.WriteLine($"job-overhead: {settings}");
        Console.WriteLine($"load average before: {LoadMeasures.LoadAverage()}");
        await using var bed = await LoadBed.StartAsync(settings);
        var member = new InteractionOrigin { User = new(1_400_000_000_000_000_001, "loadtester", "loadtester") };

        for (var i = 0; i < settings.WarmUp; i++)
        {
            await bed.WaitForFinalAsync(bed.Imagine(member, settings.Steps, seed: i), LoadBed.HangGuard);
        }

        var measured = new List<FakeInteraction>(settings.Jobs);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < settings.Jobs; i++)
        {
            var interaction = bed.Imagine(member, settings.Steps, seed: 1_000 + i);
            measured.Add(interaction);
            await bed.WaitForFinalAsync(interaction, LoadBed.HangGuard);
        }

        clock.Stop();
        Report(settings, measured, clock.Elapsed);
        await ReportStagesAsync(bed, measured);
        var audit = ReplyAudit.Of(bed.Fake, measured, imagesPerJob: 1);
        Console.WriteLine($"replies: {audit.Delivered} delivered once with the image, {audit.Lost} lost, {audit.Duplicated} duplicated; unplanned 429s {bed.Fake.Counters.UnplannedRateLimited}; contract violations {bed.Fake.ContractViolations.Count}");
        foreach (var example in audit.Examples)
        {
            Console.WriteLine("  " + example);
        }

        Console.WriteLine($"load average after: {LoadMeasures.LoadAverage()}");
        return audit.Lost == 0 && audit.Duplicated == 0 ? 0 : 1;
    }

    private static void Report(LoadSettings settings, List<FakeInteraction> measured, TimeSpan wall)
    {
        var total = new List<double>();
        var ack = new List<double>();
        var firstEdit = new List<double>();
        var finalGap = new List<double>();
        var beforeFinal = new List<double>();
        var states = new List<double>();
        var editGaps = new List<double>();
        foreach (var interaction in measured)
        {
            var history = interaction.OriginalMessage!.History;
            var final = history[^1];
            total.Add(Ms(final.At - interaction.CreatedAt));
            states.Add(history.Count);
            if (interaction.Callback is { } callback)
            {
                ack.Add(Ms(callback.At - interaction.CreatedAt));
            }

            if (history.Count > 1)
            {
                firstEdit.Add(Ms(history[1].At - interaction.CreatedAt));
            }

            for (var k = 2; k < history.Count; k++)
            {
                // With no interval and no bucket wait, one edit starts when the previous one returns: a round trip.
                editGaps.Add(Ms(history[k].At - history[k - 1].At));
            }

            if (history.Count > 2)
            {
                // The edit before the final one: with a reply interval, the final waits for it to age.
                finalGap.Add(Ms(final.At - history[^2].At));
                beforeFinal.Add(Ms(history[^2].At - interaction.CreatedAt));
            }
        }

        var median = LoadMeasures.Percentile(total, 0.5);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{measured.Count} jobs in {wall.TotalSeconds:0.0} s, one at a time"));
        Console.WriteLine($"INTERACTION_CREATE -> final edit with image: {LoadMeasures.Summary(total)}");
        Console.WriteLine($"  -> deferral (callback type 5) received:   {LoadMeasures.Summary(ack)}");
        Console.WriteLine($"  -> first edit after the deferral:         {LoadMeasures.Summary(firstEdit)}");
        Console.WriteLine($"  -> the edit before the final one:         {LoadMeasures.Summary(beforeFinal)}");
        Console.WriteLine($"  final edit minus the edit before it:      {LoadMeasures.Summary(finalGap)}");
        Console.WriteLine($"  states per reply (deferral + edits):      {LoadMeasures.Summary(states, "")}");
        Console.WriteLine($"  gap between consecutive edits:            {LoadMeasures.Summary(editGaps)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target median < 30 ms: {(median < 30 ? "met" : "NOT met")} ({median:0.0} ms) with Jobs:Reply:Interval {settings.ReplyInterval.TotalMilliseconds} ms"));
        if (median >= 30 && settings.ReplyInterval > TimeSpan.Zero && finalGap.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  the final edit waits for the reply interval after the previous edit (median gap {LoadMeasures.Percentile(finalGap, 0.5):0} ms vs interval {settings.ReplyInterval.TotalMilliseconds} ms); run with --interval 0 --lift-discord-limits to see the bot's own cost"));
        }
    }

    // Splits each job at the times the store stamped (same system clock as FakeDiscord's): what happens before the
    // prompt reaches ComfyUI, the ComfyUI run with the image download, and the delivery of the final edit.
    private static async Task ReportStagesAsync(LoadBed bed, List<FakeInteraction> measured)
    {
        var since = measured[0].CreatedAt - TimeSpan.FromSeconds(1);
        var jobs = (await bed.Runtime.Store.ListRecentFinishedAsync(since)).Where(j => j.Seed >= 1_000).ToDictionary(j => j.Seed!.Value);
        var toSubmitted = new List<double>();
        var onComfy = new List<double>();
        var toFinal = new List<double>();
        var simulatorRun = new List<double>();
        var botOnly = new List<double>();
        using var http = new HttpClient { BaseAddress = bed.Simulators[0].BaseAddress };
        for (var i = 0; i < measured.Count; i++)
        {
            if (jobs.TryGetValue((ulong)(1_000 + i), out var job) && job.SubmittedAt is { } submitted && job.FinishedAt is { } finished)
            {
                var total = Ms(measured[i].OriginalMessage!.History[^1].At - measured[i].CreatedAt);
                toSubmitted.Add(Ms(submitted - measured[i].CreatedAt));
                onComfy.Add(Ms(finished - submitted));
                toFinal.Add(Ms(measured[i].OriginalMessage!.History[^1].At - finished));
                if (await SimulatorRunMsAsync(http, job.PromptId!) is { } run)
                {
                    simulatorRun.Add(run);
                    botOnly.Add(total - run);
                }
            }
        }

        Console.WriteLine($"  stages (store stamps): INTERACTION_CREATE -> sent to ComfyUI: {LoadMeasures.Summary(toSubmitted)}");
        Console.WriteLine($"                         sent -> outcome stored with images:  {LoadMeasures.Summary(onComfy)}");
        Console.WriteLine($"                         outcome stored -> final edit held:   {LoadMeasures.Summary(toFinal)}");
        Console.WriteLine($"  the simulator's own run (execution_start -> execution_success in its /history): {LoadMeasures.Summary(simulatorRun)}");
        Console.WriteLine($"  the rest (the bot and the stand-ins' HTTP): {LoadMeasures.Summary(botOnly)}; target median < 30 ms: {(botOnly.Count > 0 && LoadMeasures.Percentile(botOnly, 0.5) < 30 ? "met" : "NOT met")}");
    }

    // ComfyUI stamps execution_start and execution_success (ms since the epoch) in the prompt's history entry.
    private static async Task<double?> SimulatorRunMsAsync(HttpClient http, string promptId)
    {
        using var document = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri($"history/{promptId}", UriKind.Relative)));
        if (!document.RootElement.TryGetProperty(promptId, out var entry))
        {
            return null;
        }

        long? start = null, success = null;
        foreach (var message in entry.GetProperty("status").GetProperty("messages").EnumerateArray())
        {
            var stamp = message[1].GetProperty("timestamp").GetInt64();
            switch (message[0].GetString())
            {
                case "execution_start":
                    start = stamp;
                    break;
                case "execution_success":
                    success = stamp;
                    break;
            }
        }

        return start is { } s && success is { } e ? e - s : null;
    }

    private static double Ms(TimeSpan span) => span.TotalMilliseconds;
}

using System.Diagnostics;
using System.Globalization;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Benchmarks.Load;

/// <summary>
/// A soak: <c>--jobs</c> /imagine commands from <c>--members</c> members on <c>--backends</c> simulators, against
/// FakeDiscord with its real rate limits. Phase 1 holds sampling on every simulator, submits everything and weighs
/// the managed heap per queued job; phase 2 releases sampling and runs the queue dry. Then it audits every reply.
/// Usage: <c>soak [--jobs 1000] [--members 50] [--backends 3] [--steps-per-second 200] [--interval 1500]</c>.
/// </summary>
internal static class SoakHarness
{
    private static readonly LoadSettings Defaults = new()
    {
        Jobs = 1_000, WarmUp = 6, Members = 50, Backends = 3, StepsPerSecond = 200, Steps = 4, MaxQueuedPerMember = 20,
    };

    /// <summary>The soak prints its store and scheduler costs per job for each window of this many jobs.</summary>
    private const int CostStep = 1_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = LoadSettings.Parse(args, Defaults);
        // Every member's whole share is queued at once in phase 1, so the per-member limit must allow it.
        settings = settings with { MaxQueuedPerMember = Math.Max(settings.MaxQueuedPerMember, (settings.Jobs + settings.Members - 1) / settings.Members) };
        Console.WriteLine($"soak: {settings}");
        Console.WriteLine($"load average before: {LoadMeasures.LoadAverage()}");
        var wall = Stopwatch.StartNew();
        await using var bed = await LoadBed.StartAsync(settings);
        var members = settings.MemberOrigins(1_400_000_000_000_001_000);

        var warmUp = Enumerable.Range(0, settings.WarmUp).Select(i => bed.Imagine(members[i % members.Length], settings.Steps, seed: i)).ToList();
        foreach (var interaction in warmUp)
        {
            await bed.WaitForFinalAsync(interaction, LoadBed.HangGuard);
        }

        // Phase 1: everything queued, nothing sampling.
        foreach (var simulator in bed.Simulators)
        {
            simulator.HoldSampling();
        }

        var heapBefore = LoadMeasures.SettledHeapBytes();
        var rssBefore = LoadMeasures.RssBytes();
        var submit = Stopwatch.StartNew();
        var jobs = new List<FakeInteraction>(settings.Jobs);
        var queueing = new CostSampler(bed, jobs, settings.Jobs, j => j.OriginalMessage is { Current.IsLoading: false }, CostStep);
        using (var sampling = new CancellationTokenSource())
        {
            var sampler = queueing.RunAsync(sampling.Token);
            var watch = WatchAsync(bed, jobs, sampling.Token);
            await SubmitAsync(bed, members, settings, jobs);
            try
            {
                await bed.Fake.WaitForAsync(_ => jobs.All(j => j.OriginalMessage is { Current.IsLoading: false })).WaitAsync(TimeSpan.FromMinutes(5));
            }
            catch (TimeoutException)
            {
                var stuck = jobs.Where(j => j.OriginalMessage is not { Current.IsLoading: false }).ToList();
                Console.WriteLine($"phase 1: {stuck.Count} replies NOT past the deferral 5 min after the last submission; e.g. {string.Join("; ", stuck.Take(5).Select(j => $"{j} dispatched {j.IsDispatched}, callback {j.Callback?.Type}, reply {(j.OriginalMessage is { } m ? m.Current.Content : "none")}"))}");
            }

            await sampling.CancelAsync();
            await sampler;
            await watch;
        }

        var queuedIn = submit.Elapsed;
        var queuedJobs = bed.Runtime.Jobs.ListQueue().Count;
        var heapQueued = LoadMeasures.SettledHeapBytes();
        var rssQueued = LoadMeasures.RssBytes();
        var statesQueued = jobs.Sum(j => j.OriginalMessage?.History.Count ?? 0);

        // Phase 2: run the queue dry.
        var run = Stopwatch.StartNew();
        var released = DateTimeOffset.UtcNow;
        foreach (var simulator in bed.Simulators)
        {
            simulator.ReleaseSampling();
        }

        var finished = true;
        var draining = new CostSampler(bed, jobs, settings.Jobs, j => j.OriginalMessage is { } m && ReplyAudit.IsFinal(m.Current.Content), CostStep);
        using (var sampling = new CancellationTokenSource())
        {
            var sampler = draining.RunAsync(sampling.Token);
            var watch = WatchAsync(bed, jobs, sampling.Token);
            try
            {
                await bed.Fake.WaitForAsync(_ => jobs.All(j => j.OriginalMessage is { } m && ReplyAudit.IsFinal(m.Current.Content))).WaitAsync(TimeSpan.FromMinutes(14));
            }
            catch (TimeoutException)
            {
                finished = false;
            }

            await sampling.CancelAsync();
            await sampler;
            await watch;
        }

        run.Stop();
        var audit = ReplyAudit.Of(bed.Fake, jobs, imagesPerJob: 1);
        var counters = bed.Fake.Counters;
        var states = jobs.Sum(j => j.OriginalMessage?.History.Count ?? 0);
        var perJob = (heapQueued - heapBefore) / (double)settings.Jobs;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            phase 1 (sampling held): {settings.Jobs} submitted at {settings.Rate}/s, all replies past the deferral after {queuedIn.TotalSeconds:0.0} s; the bot lists {queuedJobs} waiting or running
              managed heap {LoadMeasures.Mebibytes(heapBefore)} -> {LoadMeasures.Mebibytes(heapQueued)}: {perJob / 1024:0.00} KB per queued job (whole process: bot + FakeDiscord's records + simulators; target < 5 KB)
              RSS {LoadMeasures.Mebibytes(rssBefore)} -> {LoadMeasures.Mebibytes(rssQueued)}; reply states so far {statesQueued}
            phase 2 (released): {(finished ? "every reply final" : "NOT every reply final within 14 min")} after {run.Elapsed.TotalSeconds:0.0} s: {settings.Jobs / run.Elapsed.TotalSeconds:0.0} jobs/s
            replies: {audit.Delivered} delivered once with the image, {audit.Lost} lost, {audit.Duplicated} duplicated (target 0 and 0), {audit.Moved} moved to channel messages
            FakeDiscord: {counters.Requests} REST requests, {counters.UnplannedRateLimited} unplanned 429s (target 0), {counters.ContractViolations} contract violations; {states} reply states ({states / (double)settings.Jobs:0.0} per job)
            peak RSS {LoadMeasures.Mebibytes(LoadMeasures.PeakRssBytes())} (whole process); total wall time {wall.Elapsed.TotalSeconds:0.0} s
            """));
        foreach (var example in audit.Examples)
        {
            Console.WriteLine("  " + example);
        }

        queueing.Print("phase 1, as the queue grew (jobs past the deferral)");
        draining.Print("phase 2, as the queue drained and the history grew (jobs final)");
        PrintRunBreakdown(jobs, released);
        Console.WriteLine($"load average after: {LoadMeasures.LoadAverage()}");
        return finished && audit.Lost == 0 && audit.Duplicated == 0 && counters.UnplannedRateLimited == 0 ? 0 : 1;
    }

    /// <summary>
    /// Where a reply's time goes, from FakeDiscord's stamps: the first state past "queued" to the final one (the final
    /// waits out the reply interval after the state before it; the backend's slot is not held for it), and the final's
    /// wait after the edit before it (long when the reply's last place edits waited for a shared slot).
    /// </summary>
    private static void PrintRunBreakdown(List<FakeInteraction> jobs, DateTimeOffset released)
    {
        var running = new List<double>();
        var finalGap = new List<double>();
        var queuedEdits = new List<double>();
        foreach (var job in jobs)
        {
            var history = job.OriginalMessage?.History ?? [];
            if (history.Count < 3 || !ReplyAudit.IsFinal(history[^1].Content))
            {
                continue;
            }

            var queued = history.Count(h => h.Content.StartsWith('⏳'));
            queuedEdits.Add(queued);
            var start = history.Skip(1).FirstOrDefault(h => !h.Content.StartsWith('⏳'));
            if (start is not null && !ReplyAudit.IsFinal(start.Content))
            {
                running.Add((history[^1].At - start.At).TotalMilliseconds);
            }

            finalGap.Add((history[^1].At - history[^2].At).TotalMilliseconds);
        }

        Console.WriteLine($"  first state past queued -> final:  {LoadMeasures.Summary(running)}");
        Console.WriteLine($"  final minus the edit before it:   {LoadMeasures.Summary(finalGap)}");
        Console.WriteLine($"  queued-state edits per reply:     {LoadMeasures.Summary(queuedEdits, "")}");
        PrintLongestFinalGaps(jobs, released);
    }

    /// <summary>The replies that kept a state longest before their final: every state, with its time since the release.</summary>
    private static void PrintLongestFinalGaps(List<FakeInteraction> jobs, DateTimeOffset released)
    {
        var longest = jobs
            .Select(j => j.OriginalMessage?.History ?? [])
            .Where(h => h.Count >= 2 && ReplyAudit.IsFinal(h[^1].Content))
            .OrderByDescending(h => h[^1].At - h[^2].At)
            .Take(3);
        foreach (var history in longest)
        {
            Console.WriteLine($"  a long final gap ({(history[^1].At - history[^2].At).TotalSeconds:0.0} s), its states (s after the release):");
            foreach (var state in history)
            {
                var firstLine = state.Content.Split('\n')[0];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {(state.At - released).TotalSeconds,7:0.000}  {firstLine[..Math.Min(firstLine.Length, 90)]}"));
            }
        }
    }

    /// <summary>A line every 15 s while a phase runs, so a long soak shows where it is (and where it stalls).</summary>
    private static async Task WatchAsync(LoadBed bed, List<FakeInteraction> jobs, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(15));
        try
        {
            while (await tick.WaitForNextTickAsync(stop))
            {
                int count = jobs.Count, answered = 0, deferred = 0, final = 0;
                for (var i = 0; i < count; i++)
                {
                    var job = jobs[i];
                    answered += job.Callback is not null ? 1 : 0;
                    deferred += job.OriginalMessage is { Current.IsLoading: false } ? 1 : 0;
                    final += job.OriginalMessage is { } m && ReplyAudit.IsFinal(m.Current.Content) ? 1 : 0;
                }

                var counters = bed.Fake.Counters;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  [{clock.Elapsed.TotalSeconds,5:0} s] created {count}, answered {answered}, past the deferral {deferred}, final {final}; the bot lists {bed.Runtime.Jobs.ListQueue().Count}; place edits waiting for a slot {bed.Runtime.Jobs.PlaceEdits.Queued} ({bed.Runtime.Jobs.PlaceEdits.Waited} waits so far); {counters.Requests} REST requests, {counters.UnplannedRateLimited} unplanned 429s; gateway: {counters.GatewayConnections} connections, {counters.Identifies} identifies, {counters.Resumes} resumes; RSS {LoadMeasures.Mebibytes(LoadMeasures.RssBytes())}, heap {LoadMeasures.Mebibytes(GC.GetTotalMemory(false))}; load {LoadMeasures.LoadAverage()}"));
            }
        }
        catch (OperationCanceledException)
        {
            // The phase is over.
        }
    }

    /// <summary>Creates the jobs at <see cref="LoadSettings.Rate"/> per second, members taking turns, catching up after a late tick.</summary>
    private static async Task SubmitAsync(LoadBed bed, InteractionOrigin[] members, LoadSettings settings, List<FakeInteraction> sent)
    {
        var clock = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (sent.Count < settings.Jobs)
        {
            var due = Math.Min(settings.Jobs, (int)(clock.Elapsed.TotalSeconds * settings.Rate) + 1);
            while (sent.Count < due)
            {
                sent.Add(bed.Imagine(members[sent.Count % members.Length], settings.Steps, seed: 10_000 + sent.Count));
            }

            await tick.WaitForNextTickAsync();
        }
    }
}

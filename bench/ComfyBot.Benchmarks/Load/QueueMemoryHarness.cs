using System.Globalization;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Benchmarks.Load;

/// <summary>
/// Weighs what the bot itself holds per queued job, apart from what FakeDiscord and the simulators (same process)
/// keep about the same jobs. With sampling held on every simulator it weighs the settled managed heap:
/// S1 servers + a warmed-up bot stopped again; B0 a fresh bot started; B1 after <c>--jobs</c> are queued;
/// S2 after that bot is stopped and disposed. The servers' growth is S2 - S1, the bot's share
/// (B1 - B0) - (S2 - S1). Usage: <c>queue-memory [--jobs 1000] [--members 50] [--backends 3]</c>; with
/// <c>--bot PATH [--trim-wait 180]</c> the bot runs in a process of its own instead (<see cref="QueueMemoryProcessHarness"/>).
/// </summary>
internal static class QueueMemoryHarness
{
    private static readonly LoadSettings Defaults = new()
    {
        Jobs = 1_000, WarmUp = 6, Members = 50, Backends = 3, StepsPerSecond = 200, Steps = 4, MaxQueuedPerMember = 20,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        // --bot PATH weighs the bot in a process of its own (QueueMemoryProcessHarness); the other switches are shared.
        var bot = Take(ref args, "--bot");
        var trimWait = Take(ref args, "--trim-wait");
        var settings = LoadSettings.Parse(args, Defaults);
        // Both modes queue every member's whole share, so the per-member limit must allow it.
        settings = settings with { MaxQueuedPerMember = Math.Max(settings.MaxQueuedPerMember, (settings.Jobs + settings.Members - 1) / settings.Members) };
        if (bot is not null)
        {
            var wait = trimWait is null ? 180 : int.TryParse(trimWait, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? seconds
                : throw new ArgumentException($"--trim-wait takes whole seconds above 0; got '{trimWait}'.");
            return await QueueMemoryProcessHarness.RunAsync(Path.GetFullPath(bot), TimeSpan.FromSeconds(wait), settings);
        }

        if (trimWait is not null)
        {
            throw new ArgumentException("--trim-wait applies only with --bot (the in-process run collects itself).");
        }

        Console.WriteLine($"queue-memory: {settings}");
        Console.WriteLine($"load average before: {LoadMeasures.LoadAverage()}");
        await WeighAsync(settings);
        return 0;
    }

    /// <summary>Removes <paramref name="name"/> and its value from <paramref name="args"/>; null when absent.</summary>
    private static string? Take(ref string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0)
        {
            return null;
        }

        var value = at + 1 < args.Length ? args[at + 1] : throw new ArgumentException($"{name} needs a value.");
        args = [.. args[..at], .. args[(at + 2)..]];
        return value;
    }

    /// <summary>COMFYBOT_LOAD_PAUSE=seconds holds the run at each weighing so <c>dotnet-gcdump collect -p PID</c> can see the heap.</summary>
    internal static async Task PauseForDumpAsync(string point)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COMFYBOT_LOAD_PAUSE"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            Console.WriteLine($"  paused {seconds} s at '{point}' for a heap dump: process {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(seconds));
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference WeakJobService(LoadBed bed) => new(bed.Runtime.Jobs);

    /// <summary>
    /// S2 once the stopped bot's job service is gone: right after the host's disposal something still held it (all
    /// 10,000 jobs were in S2 at session 12's first 10,000-job run, which made the bot's share come out negative).
    /// </summary>
    private static async Task<long> SettledWithoutAsync(WeakReference stoppedJobs)
    {
        var heap = LoadMeasures.SettledHeapBytes();
        for (var waited = 0; stoppedJobs.IsAlive && waited < 120; waited++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            heap = LoadMeasures.SettledHeapBytes();
        }

        Console.WriteLine(stoppedJobs.IsAlive
            ? "  the stopped bot's JobService was still reachable after 60 s: S2 counts its jobs, so the split below is wrong"
            : "  S2 weighed after the stopped bot's JobService was collected");
        return heap;
    }

    /// <summary>
    /// Sends <c>--jobs</c> /imagine commands at <c>--rate</c> per wait, paced like the soak so every deferral stays
    /// inside Discord's 3 s window on a busy machine, and returns once every reply has left its deferral.
    /// </summary>
    internal static async Task<List<FakeInteraction>> SubmitPacedAsync(LoadBed bed, InteractionOrigin[] members, LoadSettings settings)
    {
        var jobs = new List<FakeInteraction>(settings.Jobs);
        for (var i = 0; i < settings.Jobs; i++)
        {
            jobs.Add(bed.Imagine(members[i % members.Length], settings.Steps, seed: 10_000 + i));
            if (i % settings.Rate == settings.Rate - 1)
            {
                await bed.Fake.WaitForAsync(_ => jobs.All(j => j.OriginalMessage is { Current.IsLoading: false })).WaitAsync(LoadBed.HangGuard);
            }
        }

        await bed.Fake.WaitForAsync(_ => jobs.All(j => j.OriginalMessage is { Current.IsLoading: false })).WaitAsync(LoadBed.HangGuard);
        return jobs;
    }

    private static async Task WeighAsync(LoadSettings settings)
    {
        await using var bed = await LoadBed.StartAsync(settings);
        var members = settings.MemberOrigins(1_400_000_000_000_002_000);
        for (var i = 0; i < settings.WarmUp; i++)
        {
            await bed.WaitForFinalAsync(bed.Imagine(members[i % members.Length], settings.Steps, seed: i), LoadBed.HangGuard);
        }

        // A first bot warms the JIT and fills the process-wide caches (JSON metadata, pools), then goes away.
        await bed.StopHostAsync();
        var s1 = LoadMeasures.SettledHeapBytes();
        await bed.StartHostAsync();
        foreach (var simulator in bed.Simulators)
        {
            simulator.HoldSampling();
        }

        var b0 = LoadMeasures.SettledHeapBytes();
        var jobs = await SubmitPacedAsync(bed, members, settings);
        var listed = bed.Runtime.Jobs.ListQueue().Count;
        var b1 = LoadMeasures.SettledHeapBytes();
        await PauseForDumpAsync("queued");
        var stoppedJobs = WeakJobService(bed);
        await bed.StopHostAsync();
        var s2 = await SettledWithoutAsync(stoppedJobs);
        await PauseForDumpAsync("bot stopped");

        var n = (double)settings.Jobs;
        var gross = (b1 - b0) / n;
        var servers = (s2 - s1) / n;
        var bot = gross - servers;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {settings.Jobs} jobs queued with sampling held ({listed} listed by the bot)
              S1 servers + stopped warm bot {LoadMeasures.Mebibytes(s1)}; B0 fresh bot {LoadMeasures.Mebibytes(b0)}; B1 queued {LoadMeasures.Mebibytes(b1)}; S2 bot stopped {LoadMeasures.Mebibytes(s2)}
              whole process per job  (B1 - B0) / N:           {gross / 1024:0.00} KB
              FakeDiscord + simulators per job (S2 - S1) / N:  {servers / 1024:0.00} KB
              the bot per queued job:                          {bot / 1024:0.00} KB (target < 5 KB: {(bot < 5 * 1024 ? "met" : "NOT met")})
            """));
        Console.WriteLine($"load average after: {LoadMeasures.LoadAverage()}");

    }
}

using System.Diagnostics;
using System.Globalization;
using ComfyBot.Comfy;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Core.Scheduling;
using ComfyBot.Core.Store;
using ComfyBot.Core.Workflows;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Benchmarks.Scheduling;

/// <summary>
/// What draining a long queue costs the dispatcher per job, the scheduler and the waiting replies' refresh (issue 15),
/// with the engine's real parts (JobEngine, FairScheduler, WaitingReplies, ActiveJob, ReplyThrottle on a no-op view).
/// N jobs from 200 members wait; each take of the head is followed by one round of refresh, as the dispatch loop does.
/// "before" is the loop before the fix, replayed here: a fresh Order() (the fair order played again) and every waiting
/// reply shown on every round. "after" is <see cref="WaitingReplies.Refresh"/>, on a clock that moves 1/rate per take
/// (the reply interval is 1.5 s, so a slower drain does more of its full refreshes per job).
/// Usage: <c>queue-drain [--sizes 1000,10000] [--before-takes 1000] [--rates 16,200]</c>.
/// </summary>
internal static class QueueDrainHarness
{
    private const int Members = 200;

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = Option(args, "--sizes", "1000,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var beforeTakes = int.Parse(Option(args, "--before-takes", "1000"), CultureInfo.InvariantCulture);
        var rates = Option(args, "--rates", "16,200").Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Console.WriteLine($"queue-drain: sizes {string.Join('/', sizes)}, {Members} members, reply interval 1.5 s; load average before: {Load.LoadMeasures.LoadAverage()}");
        foreach (var size in sizes)
        {
            var takes = Math.Min(size, beforeTakes);
            var before = await DrainAsync(size, takes, rate: null);
            Console.WriteLine($"N={size,6}: before  {Us(before.PerJob),9} µs/job ({before.Refreshed / (double)takes,8:F1} replies refreshed per take; first {takes} takes)");
            foreach (var rate in rates)
            {
                var after = await DrainAsync(size, size, rate);
                Console.WriteLine($"N={size,6}: after   {Us(after.PerJob),9} µs/job ({after.Refreshed / (double)size,8:F1} replies refreshed per take; all {size} takes at {rate} jobs/s)  before/after {before.PerJob / after.PerJob,7:F1}x");
            }
        }

        Console.WriteLine($"load average after: {Load.LoadMeasures.LoadAverage()}");
        return 0;
    }

    private static async Task<(TimeSpan PerJob, long Refreshed)> DrainAsync(int size, int takes, double? rate)
    {
        var folder = Path.Combine(Path.GetTempPath(), "comfybot-drain-" + Guid.NewGuid().ToString("N"));
        var clock = new SteppedClock();
        var options = new JobServiceOptions();
        using var store = await JobStore.OpenAsync(new JobStoreOptions { Path = Path.Combine(folder, "jobs.db") }, clock);
        var workflows = new WorkflowCatalog([new WorkflowDefinition("txt2img", WorkflowTemplate.Parse(File.ReadAllText(RepositoryFixtures.FixturePath("comfy", "workflows", "txt2img.json")), new WorkflowTemplateOptions { Name = "txt2img" }))]);
        using var metrics = new JobMetrics(null, () => []);
        using var engine = new JobEngine(store, new ImageStore(store.Database), new UsageStore(store.Database), [new IdleBackend()], workflows, _ => NoView.Instance, options, clock, NullLogger.Instance, metrics);
        for (var i = 1; i <= size; i++)
        {
            engine.Enqueue(new Job { Id = i, State = JobState.Waiting, Owner = new JobOwner((ulong)(i % Members) + 1, "member"), ChannelId = 1, Workflow = "txt2img", QueueOrder = i });
        }

        // Every reply shows its first place before the drain starts, as after the burst that queued them.
        engine.Waiting.Refresh();
        var refreshed = engine.Waiting.Refreshed;
        long oldShown = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < takes; i++)
        {
            var taken = engine.Scheduler.TryTake(static _ => true)!;
            engine.Forget(engine.Find(taken.JobId)!);
            if (rate is { } r)
            {
                clock.Advance(TimeSpan.FromSeconds(1 / r));
                engine.Waiting.Refresh();
            }
            else
            {
                oldShown += OldRound(engine);
            }
        }

        watch.Stop();
        var total = rate is null ? oldShown : engine.Waiting.Refreshed - refreshed;
        foreach (var active in engine.Snapshot())
        {
            await active.Reply.DisposeAsync();
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }

        return (watch.Elapsed / takes, total);
    }

    /// <summary>
    /// The dispatch loop's refresh before the fix: the fair order played afresh (an enqueue and removal of a probe
    /// drops the kept order) and every waiting reply shown. Returns how many replies it showed.
    /// </summary>
    private static long OldRound(JobEngine engine)
    {
        engine.Scheduler.Enqueue(new QueuedJob(long.MaxValue, ulong.MaxValue, 1, long.MaxValue, "probe"));
        engine.Scheduler.Remove(long.MaxValue);
        var order = engine.Scheduler.Order();
        var foreign = engine.Backends.Where(b => b.Health.IsUp).Sum(b => b.Health.ForeignQueued);
        BackendActivity[] activity = [.. engine.Slots.Snapshot().Select(l => new BackendActivity(l.Name, l.InFlight))];
        long shown = 0;
        foreach (var position in order)
        {
            if (engine.Find(position.Job.JobId) is { IsWaiting: true } active)
            {
                _ = active.TryMoveFrom(RunState.Held, RunState.Waiting);
                var eta = position.Position <= engine.Options.EtaHorizon ? engine.Eta.EstimateStart(position.Position, activity) : null;
                var lines = new List<string>(3) { ProgressView.Queued(position.Position, position.Position - 1 + foreign, eta) };
                active.Show(ReplyState.Progress(string.Join('\n', lines)));
                shown++;
            }
        }

        return shown;
    }

    private static string Us(TimeSpan t) => t.TotalMicroseconds.ToString("N1", CultureInfo.InvariantCulture);

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>A clock the harness moves; timers run on the system's (the reply throttles' sends go to a no-op view).</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class NoView : IJobView
    {
        public static NoView Instance { get; } = new();

        public ValueTask<ReplySendResult> ShowAsync(ReplyState state, CancellationToken cancellationToken) => ValueTask.FromResult(ReplySendResult.Sent);
    }

    /// <summary>A server that is up with every slot free; the harness takes jobs itself, so nothing is ever sent to it.</summary>
    private sealed class IdleBackend : IJobBackend
    {
        public string Name => "gpu-1";

        public int MaxInFlight => 1;

        public double Weight => 1;

        public BackendHealth Health { get; } = BackendHealth.Unknown with { State = BackendState.Up };

        public bool CanRun(WorkflowTemplate template) => true;

        public Task<IJobScope> OpenScopeAsync(string scopeKey, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string> UploadImageAsync(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteFromQueueAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> IsRunningAsync(string promptId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task InterruptAsync(string promptId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Stream> OpenFileAsync(ComfyFile file, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void RecordFinished(TimeSpan generation)
        {
        }

        public void MarkFaulty(string reason) => throw new NotSupportedException();
    }
}

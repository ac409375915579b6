using BenchmarkDotNet.Attributes;
using ComfyBot.Core.Scheduling;

namespace ComfyBot.Benchmarks.Scheduling;

/// <summary>
/// The fair scheduler under the soak's shape: 1,000 jobs from 50 members (weights 1-3) on 3 backends.
/// <see cref="EnqueueOnly"/>'s allocations divided by 1,000 bound the memory per queued entry (target: under 5 KB);
/// the jobs themselves are built in setup, so it is the scheduler's own cost.
/// </summary>
// Not sealed: BenchmarkDotNet generates a subclass of each benchmark type.
[MemoryDiagnoser]
public class FairSchedulerBenchmark
{
    private const int Jobs = 1000;
    private const int Members = 50;
    private QueuedJob[] _jobs = null!;
    private FairScheduler _full = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _jobs = Enumerable.Range(0, Jobs)
            .Select(i =>
            {
                var member = (ulong)random.Next(Members);
                return new QueuedJob(i, member, 1 + (double)(member % 3), i, i % 10 == 0 ? "flux" : "txt2img");
            })
            .ToArray();
        _full = Filled();
    }

    [Benchmark]
    public FairScheduler EnqueueOnly() => Filled();

    [Benchmark(Baseline = true)]
    public int EnqueueAndTakeAll()
    {
        var scheduler = Filled();
        var taken = 0;
        while (scheduler.TryTake(static _ => true) is not null)
        {
            taken++;
        }

        return taken;
    }

    /// <summary>Every take goes through three backends' slots (flux only on "big"), each slot released right after.</summary>
    [Benchmark]
    public int EnqueueAndDispatchAllOnThreeBackends()
    {
        var scheduler = Filled();
        var slots = new BackendSlots([new BackendCapacity("a"), new BackendCapacity("b"), new BackendCapacity("big", 2, 2)]);
        var taken = 0;
        while (scheduler.TryTake(slots, static (job, backend) => backend == "big" || job.Workflow != "flux") is { } assignment)
        {
            slots.Release(assignment.Backend);
            taken++;
        }

        return taken;
    }

    /// <summary>The /queue and admin listing with 1,000 waiting.</summary>
    [Benchmark]
    public int OrderOfThousand() => _full.Order().Count;

    private FairScheduler Filled()
    {
        var scheduler = new FairScheduler();
        foreach (var job in _jobs)
        {
            scheduler.Enqueue(job);
        }

        return scheduler;
    }
}

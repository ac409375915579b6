using ComfyBot.Core.Scheduling;

namespace ComfyBot.Core.Tests.Scheduling;

public sealed class FairSchedulerMemoryTests
{
    [Fact]
    public void QueuedEntry_CostsFarLessThanFiveKilobytes()
    {
        var jobs = Enumerable.Range(0, 1000).Select(i => new QueuedJob(i, (ulong)(i % 50), 1, i, "txt2img")).ToArray();
        var scheduler = new FairScheduler();
        scheduler.Enqueue(new QueuedJob(-1, 999, 1, -1, "warm-up"));
        scheduler.Remove(-1);

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var job in jobs)
        {
            scheduler.Enqueue(job);
        }

        var perEntry = (GC.GetAllocatedBytesForCurrentThread() - before) / jobs.Length;

        // Everything allocated counts, including the index's growth that is garbage afterwards: an upper bound.
        Assert.InRange(perEntry, 1, 5 * 1024);
        Assert.Equal(1000, scheduler.Count);
    }
}

using ComfyBot.Core.Scheduling;

namespace ComfyBot.Core.Tests.Scheduling;

/// <summary>
/// The order kept across takes from its head (issue 15) is the order a fresh simulation gives: after each take, with
/// weights, bumps and returned jobs in the queue, and after a take that skipped the head.
/// </summary>
public sealed class FairSchedulerOrderCacheTests
{
    [Fact]
    public void The_kept_order_after_each_take_is_the_order_played_afresh()
    {
        var random = new Random(7);
        var scheduler = new FairScheduler();
        for (var i = 1; i <= 400; i++)
        {
            var member = (ulong)random.Next(1, 25);
            scheduler.Enqueue(new QueuedJob(i, member, 1 + (member % 3) * 0.5, i, i % 7 == 0 ? "flux" : "txt2img"));
        }

        scheduler.Bump(200);
        scheduler.Bump(390);
        Assert.NotNull(scheduler.TryTake(_ => true));
        var returned = scheduler.TryTake(_ => true)!;
        scheduler.Return(returned);

        var taken = 0;
        while (scheduler.Count > 0)
        {
            // Most takes are of the head; every fifth skips flux jobs, which may take one further back.
            var skipFlux = taken % 5 == 4;
            var job = scheduler.TryTake(j => !skipFlux || j.Workflow != "flux") ?? scheduler.TryTake(_ => true)!;
            taken++;

            var kept = scheduler.Order().Select(p => (p.Position, p.Job.JobId)).ToList();
            var someone = kept.Count > 0 ? kept[random.Next(kept.Count)] : default;
            Assert.Equal(kept.Count > 0 ? someone.Position : null, kept.Count > 0 ? scheduler.PositionOf(someone.JobId) : null);
            Assert.Null(scheduler.PositionOf(job.JobId));
            Assert.Equal(kept.Take(5), scheduler.Head(5).Select(p => (p.Position, p.Job.JobId)));

            Assert.Equal(kept, Afresh(scheduler));
        }

        Assert.Equal(400, taken + 1);
    }

    [Fact]
    public void Draining_from_the_head_changes_the_version_on_each_take_and_keeps_positions_counting_from_one()
    {
        var scheduler = new FairScheduler();
        for (var i = 1; i <= 10; i++)
        {
            scheduler.Enqueue(new QueuedJob(i, (ulong)(i % 3), 1, i, "txt2img"));
        }

        var before = scheduler.Order().Select(p => p.Job.JobId).ToList();
        var version = scheduler.Version;

        var first = scheduler.TryTake(_ => true)!;

        Assert.Equal(before[0], first.JobId);
        Assert.NotEqual(version, scheduler.Version);
        Assert.Equal(before.Skip(1), scheduler.Order().Select(p => p.Job.JobId));
        Assert.Equal(Enumerable.Range(1, 9), scheduler.Order().Select(p => p.Position));
        Assert.Equal(1, scheduler.PositionOf(before[1]));
    }

    /// <summary>The order a fresh simulation gives: a job enqueued and removed again drops the kept order and changes nothing else.</summary>
    private static List<(int Position, long JobId)> Afresh(FairScheduler scheduler)
    {
        scheduler.Enqueue(new QueuedJob(long.MaxValue, ulong.MaxValue, 1, long.MaxValue, "probe"));
        Assert.True(scheduler.Remove(long.MaxValue));
        return [.. scheduler.Order().Select(p => (p.Position, p.Job.JobId))];
    }
}

using ComfyBot.Core.Scheduling;

namespace ComfyBot.Core.Tests.Scheduling;

public sealed class FairSchedulerTests
{
    private const ulong Alice = 1, Bob = 2, Carol = 3, Dave = 4;
    private long _order;

    private QueuedJob Job(ulong member, double weight = 1, string workflow = "txt2img")
    {
        var order = ++_order;
        return new QueuedJob(order, member, weight, order, workflow);
    }

    private static List<QueuedJob> TakeAll(FairScheduler scheduler)
    {
        var taken = new List<QueuedJob>();
        while (scheduler.TryTake(_ => true) is { } job)
        {
            taken.Add(job);
        }

        return taken;
    }

    [Fact]
    public void Flood_TwoOthersSubmitOneEach_TheyRunSecondAndThird()
    {
        var scheduler = new FairScheduler();
        for (var i = 0; i < 10; i++)
        {
            scheduler.Enqueue(Job(Alice));
        }

        scheduler.Enqueue(Job(Bob));
        scheduler.Enqueue(Job(Carol));

        var members = TakeAll(scheduler).Select(j => j.MemberId).ToList();

        Assert.Equal([Alice, Bob, Carol, Alice], members.Take(4));
        Assert.Equal(12, members.Count);
    }

    [Fact]
    public void Flood_AlreadyRunning_NewcomerGoesNextWithoutABurst()
    {
        var scheduler = new FairScheduler();
        for (var i = 0; i < 10; i++)
        {
            scheduler.Enqueue(Job(Alice));
        }

        for (var i = 0; i < 5; i++)
        {
            scheduler.TryTake(_ => true);
        }

        // Dave was idle all along: he goes next, then alternates instead of cashing in five turns of credit.
        for (var i = 0; i < 3; i++)
        {
            scheduler.Enqueue(Job(Dave));
        }

        var members = TakeAll(scheduler).Select(j => j.MemberId).Take(6);

        Assert.Equal([Dave, Alice, Dave, Alice, Dave, Alice], members);
    }

    [Fact]
    public void Weights_TwoToOne_OverManyTakes()
    {
        var scheduler = new FairScheduler();
        for (var i = 0; i < 60; i++)
        {
            scheduler.Enqueue(Job(Alice, weight: 2));
            scheduler.Enqueue(Job(Bob, weight: 1));
        }

        var first60 = TakeAll(scheduler).Take(60).ToList();

        Assert.Equal(40, first60.Count(j => j.MemberId == Alice));
        Assert.Equal(20, first60.Count(j => j.MemberId == Bob));
        // Interleaved, not 40 then 20: every window of three takes holds one of Bob's.
        Assert.All(first60.Chunk(3), chunk => Assert.Single(chunk, j => j.MemberId == Bob));
    }

    [Fact]
    public void Weights_NonBinaryFractions_StillTieByArrival()
    {
        var scheduler = new FairScheduler();
        for (var i = 0; i < 30; i++)
        {
            scheduler.Enqueue(Job(Alice, weight: 1.5));
            scheduler.Enqueue(Job(Bob, weight: 1.5));
        }

        var members = TakeAll(scheduler).Select(j => j.MemberId).ToList();

        Assert.Equal(Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? Alice : Bob), members);
    }

    [Fact]
    public void WithinOneMember_FifoByOrder_EvenWhenReloadedOutOfOrder()
    {
        var scheduler = new FairScheduler();
        scheduler.Enqueue(new QueuedJob(30, Alice, 1, 30, "w"));
        scheduler.Enqueue(new QueuedJob(10, Alice, 1, 10, "w"));
        scheduler.Enqueue(new QueuedJob(20, Alice, 1, 20, "w"));

        Assert.Equal([10L, 20L, 30L], TakeAll(scheduler).Select(j => j.JobId));
    }

    [Fact]
    public void Bump_GoesToTheFront_LaterBumpAheadOfEarlier()
    {
        var scheduler = new FairScheduler();
        var jobs = Enumerable.Range(0, 4).Select(_ => Job(Alice)).Append(Job(Bob)).ToList();
        jobs.ForEach(scheduler.Enqueue);

        Assert.True(scheduler.Bump(jobs[3].JobId));
        Assert.True(scheduler.Bump(jobs[2].JobId));
        Assert.False(scheduler.Bump(999));

        var order = scheduler.Order().Select(p => p.Job.JobId).ToList();
        Assert.Equal([jobs[2].JobId, jobs[3].JobId], order.Take(2));
        Assert.Equal(order, TakeAll(scheduler).Select(j => j.JobId));
    }

    [Fact]
    public void Bump_CostsTheMemberATurn()
    {
        var scheduler = new FairScheduler();
        var alice = Enumerable.Range(0, 3).Select(_ => Job(Alice)).ToList();
        alice.ForEach(scheduler.Enqueue);
        scheduler.Enqueue(Job(Bob));
        scheduler.Bump(alice[2].JobId);

        var members = TakeAll(scheduler).Select(j => j.MemberId);

        // The bumped job was Alice's turn, so Bob comes next instead of waiting behind another of hers.
        Assert.Equal([Alice, Bob, Alice, Alice], members);
    }

    [Fact]
    public void Pause_TakesNothing_ButAcceptsAndKeepsJobs()
    {
        var scheduler = new FairScheduler();
        scheduler.Enqueue(Job(Alice));
        scheduler.Pause();
        scheduler.Enqueue(Job(Bob));

        Assert.True(scheduler.IsPaused);
        Assert.Null(scheduler.TryTake(_ => true));
        Assert.Equal(2, scheduler.Order().Count);

        scheduler.Resume();
        Assert.Equal([Alice, Bob], TakeAll(scheduler).Select(j => j.MemberId));
    }

    [Fact]
    public void Remove_TakesTheJobOut_AndFreesItsTurn()
    {
        var scheduler = new FairScheduler();
        var first = Job(Alice);
        scheduler.Enqueue(first);
        scheduler.Enqueue(Job(Alice));
        scheduler.Enqueue(Job(Bob));

        Assert.True(scheduler.Remove(first.JobId));
        Assert.False(scheduler.Remove(first.JobId));
        Assert.Equal(2, scheduler.Count);
        Assert.Equal([Alice, Bob], TakeAll(scheduler).Select(j => j.MemberId));
    }

    [Fact]
    public void RemoveMember_AndClear_ReturnWhatWasWaiting()
    {
        var scheduler = new FairScheduler();
        var a1 = Job(Alice);
        var b1 = Job(Bob);
        var a2 = Job(Alice);
        var c1 = Job(Carol);
        new[] { a1, b1, a2, c1 }.ToList().ForEach(scheduler.Enqueue);
        scheduler.Bump(a2.JobId);

        Assert.Equal([a1, a2], scheduler.RemoveMember(Alice));
        Assert.Equal([b1, c1], scheduler.Clear());
        Assert.Equal(0, scheduler.Count);
        Assert.Null(scheduler.TryTake(_ => true));
    }

    [Fact]
    public void Order_MatchesTakeOrder_WithOneBasedPositions()
    {
        var scheduler = new FairScheduler();
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            scheduler.Enqueue(Job((ulong)random.Next(1, 9), weight: random.Next(1, 4)));
        }

        for (var i = 0; i < 20; i++)
        {
            scheduler.TryTake(_ => true);
        }

        var order = scheduler.Order();
        Assert.Equal(Enumerable.Range(1, 180), order.Select(p => p.Position));
        var someJob = order[41].Job.JobId;
        Assert.Equal(42, scheduler.PositionOf(someJob));
        Assert.Null(scheduler.PositionOf(-1));
        Assert.Equal(order.Select(p => p.Job), TakeAll(scheduler));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Enqueue_BadWeight_IsRefusedWithTheFix(double weight)
    {
        var scheduler = new FairScheduler();

        var error = Assert.Throws<ArgumentException>(() => scheduler.Enqueue(new QueuedJob(5, Alice, weight, 5, "w")));

        Assert.Contains("job 5", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("above 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enqueue_SameIdTwice_IsRefused()
    {
        var scheduler = new FairScheduler();
        scheduler.Enqueue(new QueuedJob(5, Alice, 1, 5, "w"));

        var error = Assert.Throws<ArgumentException>(() => scheduler.Enqueue(new QueuedJob(5, Bob, 1, 6, "w")));

        Assert.Contains("already waiting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentEnqueueAndTake_HandsEachJobOutExactlyOnce()
    {
        var scheduler = new FairScheduler();
        var taken = new System.Collections.Concurrent.ConcurrentBag<long>();
        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < 250; i++)
            {
                var id = (p * 1000) + i;
                scheduler.Enqueue(new QueuedJob(id, (ulong)(id % 50), 1, id, "w"));
            }
        }));
        await Task.WhenAll(producers);
        var consumers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (scheduler.TryTake(_ => true) is { } job)
            {
                taken.Add(job.JobId);
            }
        }));
        await Task.WhenAll(consumers);

        Assert.Equal(1000, taken.Distinct().Count());
        Assert.Equal(1000, taken.Count);
    }

    [Fact]
    public void Returned_job_goes_ahead_of_jobs_submitted_after_it_and_costs_no_second_turn()
    {
        var scheduler = new FairScheduler();
        var lost = Job(Alice);
        scheduler.Enqueue(lost);
        Assert.Same(lost, scheduler.TryTake(_ => true));
        var bob = Job(Bob);
        var carol = Job(Carol);
        scheduler.Enqueue(bob);
        scheduler.Enqueue(carol);
        var alice2 = Job(Alice);
        scheduler.Enqueue(alice2);

        scheduler.Return(lost);

        Assert.Equal([lost.JobId, bob.JobId, carol.JobId, alice2.JobId], scheduler.Order().Select(p => p.Job.JobId));
        Assert.Equal([lost.JobId, bob.JobId, carol.JobId, alice2.JobId], TakeAll(scheduler).Select(j => j.JobId));
    }

    [Fact]
    public void Returned_jobs_keep_their_arrival_order_among_themselves_and_bumps_still_go_first()
    {
        var scheduler = new FairScheduler();
        var first = Job(Alice);
        var second = Job(Bob);
        var waiting = Job(Carol);
        scheduler.Return(second);
        scheduler.Return(first);
        scheduler.Enqueue(waiting);
        scheduler.Bump(waiting.JobId);

        Assert.Equal([waiting.JobId, first.JobId, second.JobId], TakeAll(scheduler).Select(j => j.JobId));
    }
}

using ComfyBot.Core.Scheduling;

namespace ComfyBot.Core.Tests.Scheduling;

/// <summary>
/// Issue 15, "flat at scale": what one dispatch round and one enqueue cost must not grow with the waiting jobs. Counted
/// (jobs offered to the backends, lane comparisons of a play), never timed; and the places stay those a fresh play gives.
/// </summary>
public sealed class FairSchedulerFlatCostTests
{
    [Fact]
    public void A_take_while_every_slot_is_taken_offers_no_waiting_job_to_the_backends()
    {
        var scheduler = new FairScheduler();
        var slots = new BackendSlots([new BackendCapacity("gpu-1", 1), new BackendCapacity("gpu-2", 1)]);
        for (var i = 1; i <= 2_000; i++)
        {
            scheduler.Enqueue(new QueuedJob(i, (ulong)(i % 200) + 1, 1, i, "txt2img"));
        }

        Assert.NotNull(scheduler.TryTake(slots, (_, _) => true));
        Assert.NotNull(scheduler.TryTake(slots, (_, _) => true));
        var examined = scheduler.Examined;

        // Every dispatch round ends with a take that finds nothing; it asked every waiting job before (1,998 here).
        Assert.Null(scheduler.TryTake(slots, (_, _) => true));
        Assert.Equal(0, scheduler.Examined - examined);

        // A slot freed: the next take looks again and finds the head.
        slots.Release("gpu-1");
        Assert.NotNull(scheduler.TryTake(slots, (_, _) => true));
    }

    [Fact]
    public void Queueing_2000_jobs_and_showing_each_one_its_place_plays_the_order_once_not_once_per_job()
    {
        var scheduler = new FairScheduler();
        FairOrder.Comparisons = 0;
        for (var i = 1; i <= 2_000; i++)
        {
            // As the dispatcher does: each job queued is shown its place at the next round.
            scheduler.Enqueue(new QueuedJob(i, (ulong)(i % 200) + 1, 1, i, "txt2img"));
            Assert.NotNull(scheduler.PositionOf(i));
        }

        // One play of a one-job queue, then every job placed in the kept order. Each enqueue dropped the order
        // before, and the next place played it again: 2,000 plays, about 2,000²/2 x log2(200) comparisons.
        Assert.True(FairOrder.Comparisons < 1_000, $"{FairOrder.Comparisons} lane comparisons to queue 2,000 jobs");

        // Members taking turns put each job at the back: no place already shown moved, so none needs looking at again.
        Assert.Equal(0, scheduler.OrderMoves.Moves);
        Assert.Equal(1, scheduler.Plays);
        Assert.Equal(Afresh(scheduler), scheduler.Order().Select(p => (p.Position, p.Job.JobId)));
    }

    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(1.5, 2)]
    [InlineData(3.0, 3)]
    public void Places_kept_across_enqueues_takes_bumps_and_returns_are_the_places_a_fresh_play_gives(double weight, int seed)
    {
        var random = new Random(seed);
        var scheduler = new FairScheduler();
        var next = 1L;
        for (var step = 0; step < 1_500; step++)
        {
            var roll = random.Next(100);
            if (roll < 55 || scheduler.Count == 0)
            {
                // New members join late, level with V; old ones queue behind their own jobs.
                scheduler.Enqueue(new QueuedJob(next, (ulong)random.Next(1, 40 + (step / 30)), weight, next, "txt2img"));
                next++;
            }
            else if (roll < 93)
            {
                Assert.NotNull(scheduler.TryTake(_ => true));
            }
            else if (roll < 96)
            {
                var returned = scheduler.TryTake(_ => true)!;
                scheduler.Return(returned);
            }
            else if (roll < 98)
            {
                scheduler.Bump(scheduler.Order()[random.Next(scheduler.Count)].Job.JobId);
            }
            else
            {
                // A job of another weight: the kept order cannot place it and is played again.
                scheduler.Enqueue(new QueuedJob(next, (ulong)random.Next(1, 40), weight + 1, next, "txt2img"));
                next++;
            }

            var kept = scheduler.Order().Select(p => (p.Position, p.Job.JobId)).ToList();
            if (kept.Count > 0)
            {
                var someone = kept[random.Next(kept.Count)];
                Assert.Equal(someone.Position, scheduler.PositionOf(someone.JobId));
            }

            // A fresh play starts a new kept order, so it is compared only now and then: the kept one runs for 50 steps.
            if (step % 50 == 49)
            {
                Assert.Equal(Afresh(scheduler), kept);
            }
        }

        Assert.Equal(Afresh(scheduler), scheduler.Order().Select(p => (p.Position, p.Job.JobId)));
    }

    [Fact]
    public void Kept_positions_of_a_long_drain_stay_right_after_the_taken_ones_are_let_go()
    {
        var scheduler = new FairScheduler();
        for (var i = 1; i <= 5_000; i++)
        {
            scheduler.Enqueue(new QueuedJob(i, (ulong)(i % 50) + 1, 1, i, "txt2img"));
        }

        var order = scheduler.Order().Select(p => p.Job.JobId).ToList();
        for (var taken = 0; taken < 4_000; taken++)
        {
            Assert.Equal(order[taken], scheduler.TryTake(_ => true)!.JobId);
            if (taken % 500 == 0)
            {
                scheduler.Enqueue(new QueuedJob(10_000 + taken, 7, 1, 10_000 + taken, "txt2img"));
                order = [.. order.Take(taken + 1), .. scheduler.Order().Select(p => p.Job.JobId)];
            }

            var probe = order[taken + 1 + ((taken * 7) % (order.Count - taken - 1))];
            Assert.Equal(order.IndexOf(probe) - taken, scheduler.PositionOf(probe));
        }

        Assert.Equal(Afresh(scheduler), scheduler.Order().Select(p => (p.Position, p.Job.JobId)));
    }

    [Fact]
    public void Queueing_2000_jobs_of_members_with_different_role_weights_plays_the_order_once_not_once_per_job()
    {
        var scheduler = new FairScheduler();
        FairOrder.Comparisons = 0;
        for (var i = 1; i <= 2_000; i++)
        {
            var member = (ulong)(i % 200) + 1;
            scheduler.Enqueue(new QueuedJob(i, member, RoleWeights[(int)(member % 4)], i, "txt2img"));
            Assert.NotNull(scheduler.PositionOf(i));
        }

        // Before, an enqueue was placed in the kept order only when every turn had one weight: with weights 1, 1.5, 2
        // and 3 each one dropped the order and the next place played it again (2,000 plays, about 2,000²/2 x log2(200)
        // lane comparisons). Now a play is needed only when a heavier member's new turn lifts V past where the kept
        // turn after it had it, which really moves every lane waiting to start before it (OrderCache): here the first
        // job of a heavier member in some rounds of the 200, 10 plays.
        Assert.True(scheduler.Plays <= 20, $"{scheduler.Plays} plays to queue 2,000 jobs");
        Assert.True(FairOrder.Comparisons < 1_000_000, $"{FairOrder.Comparisons} lane comparisons to queue 2,000 jobs");
        Assert.Equal(Afresh(scheduler), scheduler.Order().Select(p => (p.Position, p.Job.JobId)));
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(8_000)]
    public void Placing_a_job_of_any_weight_compares_it_with_a_few_kept_places_however_long_the_queue(int waiting)
    {
        var scheduler = new FairScheduler();
        for (var i = 1; i <= waiting; i++)
        {
            var member = (ulong)(i % 200) + 1;
            scheduler.Enqueue(new QueuedJob(i, member, RoleWeights[(int)(member % 4)], i, "txt2img"));
        }

        // Then 200 more, from the same members and from 20 new ones, some of them out of turn.
        var random = new Random(waiting);
        var before = (scheduler.Compared, scheduler.Plays);
        for (var i = waiting + 1; i <= waiting + 200; i++)
        {
            var member = (ulong)random.Next(1, 221);
            scheduler.Enqueue(new QueuedJob(i, member, RoleWeights[(int)(member % 4)], i, "txt2img"));
        }

        // Each placement bisects a few stretches of the order: about 2 log2(waiting) comparisons each, not O(waiting).
        var perJob = (scheduler.Compared - before.Compared) / 200.0;
        Assert.Equal(before.Plays, scheduler.Plays);
        Assert.True(perJob < 8 * Math.Log2(waiting), $"{perJob:0.0} kept places compared per enqueue with {waiting:N0} waiting");
        Assert.Equal(Afresh(scheduler), scheduler.Order().Select(p => (p.Position, p.Job.JobId)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Every_job_of_mixed_weights_placed_without_a_play_is_where_a_fresh_play_puts_it(int seed)
    {
        var random = new Random(seed);
        var scheduler = new FairScheduler { CheckInsertsAgainstPlay = true };
        var weights = seed == 4 ? [1.0, 1.37, 2.9, 0.6] : RoleWeights;
        var next = 1L;
        for (var step = 0; step < 3_000; step++)
        {
            var roll = random.Next(100);
            if (roll < 60 || scheduler.Count == 0)
            {
                // Members join late, level with V, others queue behind their own jobs; a member's weight is their role's.
                var member = (ulong)random.Next(1, 30 + (step / 40));
                scheduler.Enqueue(new QueuedJob(next, member, weights[(int)(member % (ulong)weights.Length)], next, "txt2img"));
                next++;
            }
            else if (roll < 95)
            {
                Assert.NotNull(scheduler.TryTake(_ => true));
            }
            else if (roll < 97)
            {
                scheduler.Return(scheduler.TryTake(_ => true)!);
            }
            else if (roll < 98)
            {
                scheduler.Bump(scheduler.Order()[random.Next(scheduler.Count)].Job.JobId);
            }
            else
            {
                // Out of turn: an earlier arrival queued late (as concurrent admissions do).
                var member = (ulong)random.Next(1, 30);
                scheduler.Enqueue(new QueuedJob(next + 1_000_000, member, weights[(int)(member % (ulong)weights.Length)], next - random.Next(1, 5), "txt2img"));
                next++;
            }

            // As each round of the dispatcher does: the first places are shown, so the order is kept (or played again).
            _ = scheduler.Head(10);
            if (step % 100 == 99)
            {
                Assert.Equal(Afresh(scheduler), scheduler.Order().Select(p => (p.Position, p.Job.JobId)));
            }
        }

        Assert.Empty(scheduler.InsertMismatches);
        Assert.True(scheduler.CheckedInserts > 1_000, $"only {scheduler.CheckedInserts} placements checked");
    }

    private static readonly double[] RoleWeights = [1, 1.5, 2, 3];

    /// <summary>The order a fresh play gives: a job bumped in and removed again drops the kept order and changes nothing else.</summary>
    private static List<(int Position, long JobId)> Afresh(FairScheduler scheduler)
    {
        scheduler.Enqueue(new QueuedJob(long.MaxValue, ulong.MaxValue, 1, long.MaxValue, "probe"));
        scheduler.Bump(long.MaxValue);
        Assert.True(scheduler.Remove(long.MaxValue));
        return [.. scheduler.Order().Select(p => (p.Position, p.Job.JobId))];
    }
}

using ComfyBot.Core.Scheduling;

namespace ComfyBot.Core.Tests.Scheduling;

/// <summary>
/// Playing the fair order costs log(members) per waiting job, not members per job (issue 15, the 10,000-job soak):
/// with 200 members and 10,000 waiting, every enqueue's next order cost 2 million lane comparisons, and the dispatcher
/// plays it after every enqueue. The count is the work, so the test does not depend on the machine's speed.
/// </summary>
public sealed class FairOrderCostTests
{
    [Fact]
    public void Playing_the_order_of_2000_jobs_from_200_members_compares_lanes_a_few_times_per_job_not_once_per_member()
    {
        var scheduler = new FairScheduler();
        for (var i = 1; i <= 2_000; i++)
        {
            var member = (ulong)(i % 200) + 1;
            scheduler.Enqueue(new QueuedJob(i, member, 1 + (member % 3) * 0.5, i, "txt2img"));
        }

        FairOrder.Comparisons = 0;
        var order = scheduler.Order();

        Assert.Equal(2_000, order.Count);
        // A heap of 200 lanes: about 2 * log2(200) = 16 comparisons per job; the linear pick made about 200.
        Assert.True(FairOrder.Comparisons < 2_000 * 40, $"{FairOrder.Comparisons} lane comparisons to order 2,000 jobs of 200 members");
    }

    [Fact]
    public void The_played_order_is_the_order_the_jobs_are_taken_in_with_weights_bumps_returns_and_late_members()
    {
        var random = new Random(11);
        var scheduler = new FairScheduler();
        var next = 1;
        void Add(int count)
        {
            for (var i = 0; i < count; i++, next++)
            {
                var member = (ulong)random.Next(1, 60);
                scheduler.Enqueue(new QueuedJob(next, member, 1 + (member % 4) * 0.5, next, "txt2img"));
            }
        }

        Add(300);
        for (var i = 0; i < 40; i++)
        {
            scheduler.TryTake(_ => true);
        }

        // Members who were idle come back level with the virtual time; some jobs were lost and returned, some bumped.
        Add(200);
        var returned = scheduler.TryTake(_ => true)!;
        scheduler.Return(returned);
        scheduler.Bump(next - 5);
        scheduler.Bump(150);

        var played = scheduler.Order().Select(p => p.Job.JobId).ToList();
        var taken = new List<long>();
        while (scheduler.TryTake(_ => true) is { } job)
        {
            taken.Add(job.JobId);
        }

        Assert.Equal(taken, played);
    }
}

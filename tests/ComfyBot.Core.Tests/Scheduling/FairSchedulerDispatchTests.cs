using ComfyBot.Core.Scheduling;

namespace ComfyBot.Core.Tests.Scheduling;

public sealed class FairSchedulerDispatchTests
{
    private const ulong Alice = 1, Bob = 2, Carol = 3;
    private long _order;

    private QueuedJob Job(ulong member, double weight = 1, string workflow = "txt2img")
    {
        var order = ++_order;
        return new QueuedJob(order, member, weight, order, workflow);
    }

    [Fact]
    public void JobOnlyOneBackendCanRun_DoesNotBlockOthers()
    {
        var scheduler = new FairScheduler();
        var special = Job(Alice, workflow: "flux");
        scheduler.Enqueue(special);
        scheduler.Enqueue(Job(Alice));
        scheduler.Enqueue(Job(Bob));
        bool SmallGpu(QueuedJob j) => j.Workflow != "flux";

        var first = scheduler.TryTake(SmallGpu);
        var second = scheduler.TryTake(SmallGpu);

        Assert.Equal(("txt2img", Alice), (first!.Workflow, first.MemberId));
        Assert.Equal(Bob, second!.MemberId);
        Assert.Null(scheduler.TryTake(SmallGpu));
        Assert.Same(special, scheduler.TryTake(_ => true));
    }

    [Fact]
    public void TakeWithSlots_AcquiresTheBackendThatCanRunTheJob()
    {
        var scheduler = new FairScheduler();
        var slots = new BackendSlots([new BackendCapacity("small", 1), new BackendCapacity("big", 1)]);
        scheduler.Enqueue(Job(Alice, workflow: "flux"));
        scheduler.Enqueue(Job(Bob));
        scheduler.Enqueue(Job(Carol));
        bool CanRunOn(QueuedJob j, string b) => b == "big" || j.Workflow != "flux";

        var first = scheduler.TryTake(slots, CanRunOn);
        var second = scheduler.TryTake(slots, CanRunOn);

        Assert.Equal(("flux", "big"), (first!.Job.Workflow, first.Backend));
        Assert.Equal((Bob, "small"), (second!.Job.MemberId, second.Backend));
        Assert.Null(scheduler.TryTake(slots, CanRunOn));
        Assert.Equal(1, scheduler.Count);
    }

    [Fact]
    public void DeadBackend_WaitingJobsGoToAnotherThatCanRunThem()
    {
        var scheduler = new FairScheduler();
        var slots = new BackendSlots([new BackendCapacity("gpu0"), new BackendCapacity("gpu1")]);
        var dead = new HashSet<string>();
        bool CanRunOn(QueuedJob j, string b) => !dead.Contains(b);
        scheduler.Enqueue(Job(Alice));
        scheduler.Enqueue(Job(Bob));
        scheduler.Enqueue(Job(Carol));

        var first = scheduler.TryTake(slots, CanRunOn);
        dead.Add("gpu1");
        var second = scheduler.TryTake(slots, CanRunOn);
        var third = scheduler.TryTake(slots, CanRunOn);

        Assert.Equal(("gpu0", Alice), (first!.Backend, first.Job.MemberId));
        Assert.Equal(("gpu0", Bob), (second!.Backend, second.Job.MemberId));
        // gpu0 is full and gpu1 is dead: Carol's job waits rather than going to a dead backend.
        Assert.Null(third);
        Assert.Equal(1, scheduler.Count);
        slots.Release("gpu0");
        Assert.Equal(("gpu0", Carol), scheduler.TryTake(slots, CanRunOn) is { } a ? (a.Backend, a.Job.MemberId) : default);
    }

    [Fact]
    public void Paused_DispatchesNothing_AndTakesNoSlot()
    {
        var scheduler = new FairScheduler();
        var slots = new BackendSlots([new BackendCapacity("gpu0")]);
        scheduler.Enqueue(Job(Alice));
        scheduler.Pause();

        Assert.Null(scheduler.TryTake(slots, (_, _) => true));
        Assert.Equal(0, slots.Snapshot().Single().InFlight);
    }

    [Fact]
    public void ThreeMembers_WeightsTwoOneOne_ShareTwoToOneToOne()
    {
        var scheduler = new FairScheduler();
        for (var i = 0; i < 40; i++)
        {
            scheduler.Enqueue(Job(Alice, weight: 2));
            scheduler.Enqueue(Job(Bob));
            scheduler.Enqueue(Job(Carol));
        }

        var first40 = scheduler.Order().Take(40).Select(p => p.Job.MemberId).ToList();

        Assert.Equal([20, 10, 10], new[] { Alice, Bob, Carol }.Select(m => first40.Count(x => x == m)));
    }
}

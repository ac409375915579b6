using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_waiting_job_costs_JobService_less_than_five_kilobytes()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await using var service = new JobService(
            rig.Store,
            rig.Monitor,
            new JobPolicy(new JobPolicyOptions(), TimeProvider.System),
            rig.Workflows,
            _ => SilentView.Instance,
            new JobServiceOptions(),
            TimeProvider.System,
            NullLoggerFactory.Instance);
        service.Pause();
        var jobs = Enumerable.Range(1, 1001).Select(i => new Job
        {
            Id = i,
            Owner = new JobOwner((ulong)(i % 50), "member"),
            ChannelId = 555,
            Workflow = "txt2img",
            Parameters = new WorkflowParameters { Prompt = "a lighthouse at dusk, oil painting, volumetric light", Seed = (ulong)i },
            QueueOrder = i,
        }).ToArray();
        service.Enqueue(jobs[0]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var job in jobs.Skip(1))
        {
            service.Enqueue(job);
        }

        var perJob = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000;

        output.WriteLine($"{perJob} bytes allocated per enqueued job");

        // Everything this thread allocated counts, garbage included (the queued text of each reply): an upper bound.
        Assert.InRange(perJob, 1, 5 * 1024);
        Assert.Equal(1001, service.ListQueue().Count);
    }

    private sealed class SilentView : IJobView
    {
        public static readonly SilentView Instance = new();

        public ValueTask<ReplySendResult> ShowAsync(ReplyState state, CancellationToken cancellationToken) => ValueTask.FromResult(ReplySendResult.Sent);
    }
}

using Xunit.Abstractions;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_waiting_job_keeps_less_than_five_kilobytes_alive()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Policy.MaxQueuedPerMember = 1000;
        await rig.StartServiceAsync();
        rig.Service.Pause();
        await rig.SubmitAsync(999, "warm-up");

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 1000; i++)
        {
            await rig.SubmitAsync((ulong)(i % 50), "a lighthouse at dusk, oil painting, volumetric light");
        }

        var perJob = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1000;

        output.WriteLine($"{perJob} bytes retained per waiting job");

        // Retained heap, so it includes the test's own recording view of each job's queued reply: an upper bound.
        Assert.InRange(perJob, 1, 5 * 1024);
        Assert.Equal(1001, rig.Service.ListQueue().Count);
    }
}

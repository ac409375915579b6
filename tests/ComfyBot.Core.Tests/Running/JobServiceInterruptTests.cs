using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceInterruptTests
{
    [Fact]
    public async Task Interrupting_one_backend_stops_its_running_job_only_and_names_who()
    {
        await using var rig = await JobServiceRig.StartAsync(backends: 2, maxInFlight: 1);
        foreach (var simulator in rig.Simulators)
        {
            simulator.HoldSampling(afterSteps: 1);
        }

        await rig.StartServiceAsync();
        var a = await rig.SubmitAsync(1);
        var b = await rig.SubmitAsync(2);
        await rig.WaitForTextAsync(a.Id, t => t.Contains("step 1/", StringComparison.Ordinal));
        await rig.WaitForTextAsync(b.Id, t => t.Contains("step 1/", StringComparison.Ordinal));
        var onFirst = (await rig.Store.GetAsync(a.Id))!.Backend == "gpu-1" ? a : b;
        var onSecond = onFirst == a ? b : a;

        Assert.Equal(1, await rig.Service.InterruptAsync("gpu-1", "admin-ann"));

        var final = await rig.WaitForFinalAsync(onFirst.Id);
        Assert.Equal("⏹️ Interrupted by admin-ann.", final.Text);
        Assert.Equal(ReplyButtons.Details, final.Buttons);
        Assert.Equal(JobState.Interrupted, (await rig.Store.GetAsync(onFirst.Id))!.State);
        Assert.Equal(JobState.Running, (await rig.Store.GetAsync(onSecond.Id))!.State);

        Assert.Equal(1, await rig.Service.InterruptAsync(null, "admin-bob"));
        Assert.Equal("⏹️ Interrupted by admin-bob.", (await rig.WaitForFinalAsync(onSecond.Id)).Text);
    }

    [Fact]
    public async Task Interrupting_leaves_jobs_that_wait_in_ComfyUIs_queue_alone()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Simulator.HoldSampling(afterSteps: 1);
        await rig.StartServiceAsync();
        var running = await rig.SubmitAsync(1);
        await rig.WaitForTextAsync(running.Id, t => t.Contains("step 1/", StringComparison.Ordinal));
        var queued = await rig.SubmitAsync(2);
        await rig.WaitForStateAsync(queued.Id, JobState.Submitted);

        Assert.Equal(1, await rig.Service.InterruptAsync(null, "admin-ann"));
        Assert.Equal("⏹️ Interrupted by admin-ann.", (await rig.WaitForFinalAsync(running.Id)).Text);
        rig.Simulator.ReleaseSampling();

        Assert.StartsWith("✅", (await rig.WaitForFinalAsync(queued.Id)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_backend_is_refused_with_the_known_names()
    {
        await using var rig = await JobServiceRig.StartAsync(backends: 2);
        await rig.StartServiceAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => rig.Service.InterruptAsync("gpu-9", "admin"));

        Assert.Contains("'gpu-9'", error.Message, StringComparison.Ordinal);
        Assert.Contains("gpu-1, gpu-2", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await rig.Service.InterruptAsync(null, "admin"));
    }
}

using ComfyBot.Core.Jobs;
using ComfyBot.Core.Running;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceCancelTests
{
    [Fact]
    public async Task Cancelling_a_waiting_job_removes_it_and_says_who_cancelled()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();
        rig.Service.Pause();
        var job = await rig.SubmitAsync(1);

        Assert.Equal(CancelResult.Removed, await rig.Service.CancelAsync(job.Id, 1, "member-1", isAdmin: false));

        var final = await rig.WaitForFinalAsync(job.Id);
        Assert.Equal("🚫 Cancelled by member-1.", final.Text);
        var stored = await rig.Store.GetAsync(job.Id);
        Assert.Equal(JobState.Cancelled, stored!.State);
        Assert.True(stored.FinalDelivered);
        Assert.Empty(rig.Service.ListQueue());
        Assert.Equal(CancelResult.NotFound, await rig.Service.CancelAsync(job.Id, 1, "member-1", isAdmin: false));
    }

    [Fact]
    public async Task Only_the_owner_or_an_admin_may_cancel()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();
        rig.Service.Pause();
        var job = await rig.SubmitAsync(1);

        Assert.Equal(CancelResult.NotYours, await rig.Service.CancelAsync(job.Id, 2, "member-2", isAdmin: false));
        Assert.Single(rig.Service.ListQueue());
        Assert.Equal(CancelResult.Removed, await rig.Service.CancelAsync(job.Id, 9, "an admin", isAdmin: true));
        Assert.Equal("🚫 Cancelled by an admin.", (await rig.WaitForFinalAsync(job.Id)).Text);
    }

    [Fact]
    public async Task Cancelling_a_running_job_interrupts_it_on_the_GPU_server()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Simulator.HoldSampling(afterSteps: 1);
        await rig.StartServiceAsync();
        var job = await rig.SubmitAsync(1);
        await rig.WaitForTextAsync(job.Id, t => t.Contains("step 1/", StringComparison.Ordinal));

        Assert.Equal(CancelResult.Stopping, await rig.Service.CancelAsync(job.Id, 1, "member-1", isAdmin: false));

        var final = await rig.WaitForFinalAsync(job.Id);
        Assert.Equal("🚫 Cancelled by member-1.", final.Text);
        Assert.Equal(JobState.Cancelled, (await rig.Store.GetAsync(job.Id))!.State);
    }

    [Fact]
    public async Task Cancelling_a_job_in_ComfyUIs_queue_deletes_it_there()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Simulator.HoldSampling(afterSteps: 1);
        await rig.StartServiceAsync();
        var running = await rig.SubmitAsync(1);
        await rig.WaitForTextAsync(running.Id, t => t.Contains("step 1/", StringComparison.Ordinal));
        var queued = await rig.SubmitAsync(2);
        await rig.WaitForStateAsync(queued.Id, JobState.Submitted);

        Assert.Equal(CancelResult.Stopping, await rig.Service.CancelAsync(queued.Id, 2, "member-2", isAdmin: false));

        Assert.Equal("🚫 Cancelled by member-2.", (await rig.WaitForFinalAsync(queued.Id)).Text);
        var promptId = (await rig.Store.GetAsync(queued.Id))!.PromptId!;
        Assert.False((await rig.Backends[0].Client.GetQueueAsync()).Contains(promptId));
        rig.Simulator.ReleaseSampling();
        Assert.StartsWith("✅", (await rig.WaitForFinalAsync(running.Id)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_job_only_queued_on_ComfyUI_never_interrupts_even_a_server_that_ignores_prompt_ids()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Simulator.InterruptIgnoresPromptId = true;
        rig.Simulator.HoldSampling(afterSteps: 1);
        await rig.StartServiceAsync();
        var running = await rig.SubmitAsync(1);
        await rig.WaitForTextAsync(running.Id, t => t.Contains("step 1/", StringComparison.Ordinal));
        var queued = await rig.SubmitAsync(2);
        await rig.WaitForStateAsync(queued.Id, JobState.Submitted);

        Assert.Equal(CancelResult.Stopping, await rig.Service.CancelAsync(queued.Id, 2, "member-2", isAdmin: false));

        Assert.Equal("🚫 Cancelled by member-2.", (await rig.WaitForFinalAsync(queued.Id)).Text);
        rig.Simulator.ReleaseSampling();

        // Another member's job, running on the same server, is untouched by the cancel.
        Assert.StartsWith("✅", (await rig.WaitForFinalAsync(running.Id)).Text, StringComparison.Ordinal);
        Assert.Equal(JobState.Succeeded, (await rig.Store.GetAsync(running.Id))!.State);
    }
}

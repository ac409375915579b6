using ComfyBot.Core.Jobs;
using ComfyBot.Core.Tests.Backends;
using ComfyBot.Testing;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceRecoveryTests
{
    [Fact]
    public async Task A_job_lost_by_a_restarting_GPU_server_is_queued_again_once_and_then_finishes()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Simulator.HoldSampling(afterSteps: 1);
        await rig.StartServiceAsync();
        var job = await rig.SubmitAsync(1);
        await rig.WaitForTextAsync(job.Id, t => t.Contains("step 1/", StringComparison.Ordinal));
        var firstPrompt = (await rig.Store.GetAsync(job.Id))!.PromptId;

        rig.Simulator.ReleaseSampling();
        rig.Simulator.HoldSampling(afterSteps: 1);
        await rig.Simulator.RestartAsync();
        await rig.WaitForTextAsync(job.Id, t => t.Contains("queued again", StringComparison.Ordinal));
        rig.Simulator.ReleaseSampling();

        var final = await rig.WaitForFinalAsync(job.Id);
        Assert.StartsWith("✅ Done", final.Text, StringComparison.Ordinal);
        var stored = await rig.Store.GetAsync(job.Id);
        Assert.Equal(JobState.Succeeded, stored!.State);
        Assert.Equal(2, stored.Attempts);
        Assert.NotEqual(firstPrompt, stored.PromptId);
        Assert.Single(rig.View(job.Id).Texts, t => t.Contains("queued again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_service_on_the_same_store_reattaches_a_running_job_and_delivers_its_final_state_once()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Simulator.HoldSampling(afterSteps: 1);
        var first = await rig.StartServiceAsync();
        var job = await rig.SubmitAsync(1);
        await rig.WaitForTextAsync(job.Id, t => t.Contains("step 1/", StringComparison.Ordinal));
        var before = rig.View(job.Id);

        await first.DisposeAsync();
        Assert.Equal(JobState.Running, (await rig.Store.GetAsync(job.Id))!.State);
        rig.ForgetViews();
        await rig.StartServiceAsync();
        rig.Simulator.ReleaseSampling();

        var final = await rig.WaitForFinalAsync(job.Id);
        Assert.StartsWith("✅ Done: 2 images", final.Text, StringComparison.Ordinal);
        Assert.Equal(2, final.Images.Count);
        Assert.DoesNotContain(before.Calls, c => c.State.IsFinal);
        var stored = await rig.Store.GetAsync(job.Id);
        Assert.True(stored!.FinalDelivered);
        Assert.Equal(1, stored.Attempts);

        // A third start finds nothing left to deliver.
        rig.ForgetViews();
        await rig.StartServiceAsync();
        Assert.Empty(rig.View(job.Id).Calls);
        Assert.Equal([job.Id], rig.FinalOrder);
    }

    [Fact]
    public async Task A_final_state_stored_but_not_delivered_is_delivered_once_at_start()
    {
        await using var rig = await JobServiceRig.StartAsync();
        var added = await rig.Store.AddAsync(new Job { Owner = new JobOwner(1, "m"), ChannelId = 555, Workflow = "txt2img" });
        await rig.Store.TransitionAsync(added.Id, JobState.Failed, j => j with { Detail = "❌ Failed in node 3 (KSampler): boom" });

        var first = await rig.StartServiceAsync();
        await rig.WaitForFinalAsync(added.Id);
        await first.DisposeAsync();
        await rig.StartServiceAsync();

        var final = Assert.Single(rig.View(added.Id).Calls).State;
        Assert.True(final.IsFinal);
        Assert.Equal("❌ Failed in node 3 (KSampler): boom", final.Text);
        Assert.True((await rig.Store.GetAsync(added.Id))!.FinalDelivered);
    }

    [Fact]
    public async Task A_final_reply_cut_off_by_a_shutdown_is_sent_by_the_next_start()
    {
        await using var rig = await JobServiceRig.StartAsync();
        var first = await rig.StartServiceAsync();
        var job = await rig.SubmitAsync(1);
        rig.View(job.Id).HoldFinal();
        await rig.WaitForTextAsync(job.Id, t => t.StartsWith("✅ Done", StringComparison.Ordinal));

        await first.DisposeAsync();
        var stopped = await rig.Store.GetAsync(job.Id);
        Assert.Equal(JobState.Succeeded, stopped!.State);
        Assert.False(stopped.FinalDelivered);

        rig.ForgetViews();
        await rig.StartServiceAsync();
        var final = await rig.WaitForFinalAsync(job.Id);

        Assert.StartsWith("✅ Done: 2 images", final.Text, StringComparison.Ordinal);
        Assert.Equal(2, final.Images.Count);
        Assert.True((await rig.Store.GetAsync(job.Id))!.FinalDelivered);
    }

    [Fact]
    public async Task A_final_reply_that_fails_every_retry_is_not_retried_at_the_next_start()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Options.Reply.FinalAttempts = 2;
        var first = await rig.StartServiceAsync();
        var job = await rig.SubmitAsync(1);
        rig.View(job.Id).FailFinals(new InvalidOperationException("Unknown Webhook"));
        await rig.WaitForTextAsync(job.Id, t => t.StartsWith("✅ Done", StringComparison.Ordinal));

        // The mark follows the last failed send, and nothing else signals it.
        await Polling.UntilAsync(async () => (await rig.Store.GetAsync(job.Id))!.FinalDelivered);

        await first.DisposeAsync();
        rig.ForgetViews();
        await rig.StartServiceAsync();

        Assert.Empty(rig.View(job.Id).Calls);
    }

    [Fact]
    public async Task Waiting_jobs_are_queued_again_at_start_in_their_stored_order()
    {
        await using var rig = await JobServiceRig.StartAsync();
        var first = await rig.StartServiceAsync();
        first.Pause();
        var a = await rig.SubmitAsync(1, "a");
        var b = await rig.SubmitAsync(2, "b");
        await first.DisposeAsync();

        var second = await rig.StartServiceAsync();

        Assert.Equal([a.Id, b.Id], second.ListQueue().Select(e => e.Job.Id));
        await rig.WaitForFinalAsync(a.Id);
        await rig.WaitForFinalAsync(b.Id);
    }

    [Fact]
    public async Task A_GPU_server_that_refuses_the_submission_keeps_the_job_waiting_and_says_so()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();
        rig.Service.Pause();
        var job = await rig.SubmitAsync(1);
        await rig.Simulator.DisposeAsync();
        rig.Service.Resume();

        await rig.WaitForTextAsync(job.Id, t => t.Contains("GPU server offline, your job is kept", StringComparison.Ordinal));

        Assert.Equal(JobState.Waiting, (await rig.Store.GetAsync(job.Id))!.State);
        var entry = Assert.Single(rig.Service.ListQueue());
        Assert.Equal(1, entry.Position);
    }

    [Fact]
    public async Task A_kept_job_starts_when_its_server_is_back_even_if_the_retry_timer_fires_early()
    {
        // The monitor never sees the server down (it does not poll here), so the retry timer is the only thing that
        // can start the job again, and on this clock it always fires while the hold on the server still holds.
        await using var rig = await JobServiceRig.StartAsync();
        var port = rig.Simulator.Port;
        await rig.Simulator.DisposeAsync();
        rig.Options.OfflineRetryDelay = TimeSpan.FromMilliseconds(500);
        await rig.StartServiceAsync(new SlowClock());

        var job = await rig.SubmitAsync(1);
        await rig.WaitForTextAsync(job.Id, t => t.Contains("GPU server offline, your job is kept", StringComparison.Ordinal));
        await using var revived = await BackendRig.SimulatorAsync(port);

        Assert.StartsWith("✅ Done", (await rig.WaitForFinalAsync(job.Id)).Text, StringComparison.Ordinal);
        Assert.Equal(JobState.Succeeded, (await rig.Store.GetAsync(job.Id))!.State);
    }

    [Fact]
    public async Task A_job_refused_by_a_dead_server_moves_to_a_live_one()
    {
        await using var rig = await JobServiceRig.StartAsync(backends: 2);
        await rig.Simulators[0].DisposeAsync();
        await rig.StartServiceAsync();

        var job = await rig.SubmitAsync(1);

        Assert.StartsWith("✅ Done", (await rig.WaitForFinalAsync(job.Id)).Text, StringComparison.Ordinal);
        Assert.Contains(rig.View(job.Id).Texts, t => t.Contains("GPU server offline, your job is kept", StringComparison.Ordinal));
        var stored = await rig.Store.GetAsync(job.Id);
        Assert.Equal("gpu-2", stored!.Backend);
        Assert.Equal(1, stored.Attempts);
    }
}

using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceAdminTests
{
    [Fact]
    public async Task Bump_moves_a_waiting_job_to_the_front_and_stores_its_new_place()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();
        rig.Service.Pause();
        var a1 = await rig.SubmitAsync(1, "a1");
        var a2 = await rig.SubmitAsync(1, "a2");
        var b1 = await rig.SubmitAsync(2, "b1");
        Assert.Equal([a1.Id, b1.Id, a2.Id], rig.Service.ListQueue().Select(e => e.Job.Id));

        Assert.True(await rig.Service.BumpAsync(a2.Id));

        // The bumped job still counts as member 1's turn, so member 2 goes before member 1's next job.
        Assert.Equal([a2.Id, b1.Id, a1.Id], rig.Service.ListQueue().Select(e => e.Job.Id));
        Assert.True((await rig.Store.GetAsync(a2.Id))!.QueueOrder < a1.QueueOrder);
        Assert.False(await rig.Service.BumpAsync(999));
    }

    [Fact]
    public async Task Clear_cancels_every_waiting_job_and_names_the_admin()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();
        rig.Service.Pause();
        Job[] jobs = [await rig.SubmitAsync(1), await rig.SubmitAsync(2), await rig.SubmitAsync(3)];

        Assert.Equal(3, await rig.Service.ClearAsync("admin-9"));

        Assert.Empty(rig.Service.ListQueue());
        foreach (var job in jobs)
        {
            Assert.Equal("🚫 Cancelled by admin-9.", (await rig.WaitForFinalAsync(job.Id)).Text);
            Assert.Equal(JobState.Cancelled, (await rig.Store.GetAsync(job.Id))!.State);
        }
    }

    [Fact]
    public async Task Cancel_member_removes_only_that_members_jobs()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();
        rig.Service.Pause();
        await rig.SubmitAsync(1);
        await rig.SubmitAsync(1);
        var other = await rig.SubmitAsync(2);

        Assert.Equal(2, await rig.Service.CancelMemberAsync(1, "admin-9"));

        var left = Assert.Single(rig.Service.ListQueue());
        Assert.Equal(other.Id, left.Job.Id);
        Assert.Empty(rig.Service.ListQueue(memberId: 1));
        Assert.Single(rig.Service.ListQueue(memberId: 2));
    }

    [Fact]
    public async Task Pause_keeps_queued_jobs_and_resume_runs_them()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();
        rig.Service.Pause();
        var job = await rig.SubmitAsync(1);
        await rig.WaitForTextAsync(job.Id, t => t.StartsWith('⏳'));
        Assert.True(rig.Service.IsPaused);
        Assert.Equal(JobState.Waiting, (await rig.Store.GetAsync(job.Id))!.State);

        rig.Service.Resume();

        Assert.StartsWith("✅", (await rig.WaitForFinalAsync(job.Id)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_are_fitted_to_the_jobs_own_attachment_limit_and_the_reply_says_so()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();

        var job = await rig.SubmitAsync(1, byteLimit: 2048);
        var final = await rig.WaitForFinalAsync(job.Id);

        Assert.Equal(2, final.Images.Count);
        Assert.All(final.Images, i => Assert.True(i.Content.Length <= 2048, $"{i.FileName} has {i.Content.Length} bytes"));
        Assert.Contains('\n', final.Text);
    }

    [Fact]
    public async Task Without_requeues_left_a_lost_job_fails_and_says_the_server_lost_it()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Options.LostRequeues = 0;
        rig.Simulator.HoldSampling(afterSteps: 1);
        await rig.StartServiceAsync();
        var job = await rig.SubmitAsync(1);
        await rig.WaitForTextAsync(job.Id, t => t.Contains("step 1/", StringComparison.Ordinal));

        await rig.Simulator.RestartAsync();

        Assert.StartsWith("⚠️ The GPU server lost this job", (await rig.WaitForFinalAsync(job.Id)).Text, StringComparison.Ordinal);
        Assert.Equal(JobState.Failed, (await rig.Store.GetAsync(job.Id))!.State);
    }
}

using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Tests.Images;
using SkiaSharp;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceRestartTests
{
    [Fact]
    public async Task A_queued_job_keeps_its_input_image_and_attachment_limit_across_a_restart_of_the_bot()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = JobServiceInputImageTests.ImageWorkflows();
        var first = await rig.StartServiceAsync();
        first.Pause();
        var png = TestImages.NoisyPng(96, 96);
        var withImage = await first.SubmitAsync(JobServiceInputImageTests.Img2Img(1, new InputImage("kept-input.png", png)));
        var limited = await rig.SubmitAsync(2, byteLimit: 2048);

        await first.DisposeAsync();
        rig.ForgetViews();
        await rig.StartServiceAsync();

        Assert.StartsWith("✅ Done", (await rig.WaitForFinalAsync(withImage.Job!.Id)).Text, StringComparison.Ordinal);
        Assert.Equal(png, await File.ReadAllBytesAsync(Path.Combine(rig.Simulator.DataDirectory, "input", "kept-input.png")));
        var final = await rig.WaitForFinalAsync(limited.Id);
        Assert.Equal(2, final.Images.Count);
        Assert.All(final.Images, i => Assert.True(i.Content.Length <= 2048, $"{i.FileName} has {i.Content.Length} bytes"));
    }

    [Fact]
    public async Task A_success_stored_but_not_delivered_before_a_restart_is_delivered_once_with_its_images()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = JobServiceInputImageTests.ImageWorkflows();
        var first = await rig.StartServiceAsync();
        var done = await rig.SubmitAsync(1);
        var delivered = await rig.WaitForFinalAsync(done.Id);
        var outputs = (await rig.Store.GetAsync(done.Id))!.Outputs;
        await first.DisposeAsync();

        // The state a crash between storing Succeeded and marking the reply delivered leaves behind.
        var crashed = await rig.Store.AddAsync(new Job { Owner = new JobOwner(2, "member-2"), ChannelId = 555, Workflow = "txt2img", Seed = 7 });
        await rig.Store.TransitionAsync(crashed.Id, JobState.Submitted, j => j with { Backend = "gpu-1", PromptId = "p" });
        await rig.Store.TransitionAsync(crashed.Id, JobState.Succeeded, j => j with { Outputs = outputs });
        rig.ForgetViews();
        await rig.StartServiceAsync();

        var final = await rig.WaitForFinalAsync(crashed.Id);
        Assert.StartsWith("✅ Done: 2 images · seed 7", final.Text, StringComparison.Ordinal);
        Assert.Equal(delivered.Images.Select(i => i.Content.ToArray()), final.Images.Select(i => i.Content.ToArray()));
        Assert.Equal(ReplyButtons.Reroll | ReplyButtons.Details | ReplyButtons.Upscale | ReplyButtons.Vary | ReplyButtons.Edit | ReplyButtons.Delete, final.Buttons);
        Assert.True((await rig.Store.GetAsync(crashed.Id))!.FinalDelivered);
        Assert.Empty(rig.View(done.Id).Calls);
    }

    [Fact]
    public async Task A_queued_job_whose_workflow_was_removed_fails_at_restart_and_says_why()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = JobServiceInputImageTests.ImageWorkflows();
        var first = await rig.StartServiceAsync();
        first.Pause();
        var job = (await first.SubmitAsync(JobServiceInputImageTests.Img2Img(1, new InputImage("in.png", TestImages.SolidPng(8, 8, SKColors.Red))))).Job!;
        await first.DisposeAsync();

        rig.Workflows = new ComfyBot.Core.Workflows.WorkflowCatalog([new ComfyBot.Core.Workflows.WorkflowDefinition("txt2img", rig.Workflows.Default.Template)]);
        rig.ForgetViews();
        await rig.StartServiceAsync();

        var final = await rig.WaitForFinalAsync(job.Id);
        Assert.Equal("❌ Workflow 'img2img' is no longer configured on this bot, so this job cannot run; pick another workflow and try again.", final.Text);
        Assert.Equal(JobState.Failed, (await rig.Store.GetAsync(job.Id))!.State);
    }
}

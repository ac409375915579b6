using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Core.Tests.Images;
using ComfyBot.Testing;
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

    [Fact]
    public async Task A_job_recovered_already_final_gets_its_span_and_a_line_with_member_workflow_backend_and_duration()
    {
        await using var rig = await JobServiceRig.StartAsync();
        var first = await rig.StartServiceAsync();
        var done = await rig.SubmitAsync(1);
        await rig.WaitForFinalAsync(done.Id);
        var outputs = (await rig.Store.GetAsync(done.Id))!.Outputs;
        await first.DisposeAsync();

        // Stored Failed by a run before the restart, its reply not sent.
        var crashed = await rig.Store.AddAsync(new Job { Owner = new JobOwner(2, "member-2"), ChannelId = 555, Workflow = "txt2img", Seed = 7 });
        await rig.Store.TransitionAsync(crashed.Id, JobState.Submitted, j => j with { Backend = "gpu-1", PromptId = "p" });
        await rig.Store.TransitionAsync(crashed.Id, JobState.Failed, j => j with { Detail = "the server said no", Outputs = outputs });
        rig.ForgetViews();
        await rig.StartServiceAsync();
        await rig.WaitForFinalAsync(crashed.Id);

        var line = Assert.Single(rig.Lines, l => l.StartsWith($"Job #{crashed.Id} ", StringComparison.Ordinal));
        Assert.Matches(@"^Job #\d+ ended Failed before the restart, after \d+\.\d s: member 2, workflow txt2img, backend gpu-1", line);
        var span = await SpanAsync(rig, crashed.Id, "job");
        Assert.Equal("failed", span.GetTagItem("comfybot.job.state"));
        Assert.Contains(rig.Spans, s => s.DisplayName == "job.final" && s.ParentSpanId == span.SpanId);
    }

    [Fact]
    public async Task A_job_whose_workflow_was_removed_gets_its_span_and_its_move_to_failed_logged()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = JobServiceInputImageTests.ImageWorkflows();
        var first = await rig.StartServiceAsync();
        first.Pause();
        var job = (await first.SubmitAsync(JobServiceInputImageTests.Img2Img(3, new InputImage("in.png", TestImages.SolidPng(8, 8, SKColors.Red))))).Job!;
        await first.DisposeAsync();

        rig.Workflows = new ComfyBot.Core.Workflows.WorkflowCatalog([new ComfyBot.Core.Workflows.WorkflowDefinition("txt2img", rig.Workflows.Default.Template)]);
        rig.ForgetViews();
        await rig.StartServiceAsync();
        await rig.WaitForFinalAsync(job.Id);

        var line = Assert.Single(rig.Lines, l => l.StartsWith($"Job #{job.Id} ", StringComparison.Ordinal) && l.Contains("-> Failed", StringComparison.Ordinal));
        Assert.Matches(@"^Job #\d+ Waiting -> Failed after \d+\.\d s: member 3, workflow img2img, backend none", line);
        var span = await SpanAsync(rig, job.Id, "job");
        Assert.Equal("failed", span.GetTagItem("comfybot.job.state"));
    }

    /// <summary>The span of job <paramref name="jobId"/> named <paramref name="name"/>, once it ended (it ends after the reply's delivery is marked).</summary>
    private static async Task<System.Diagnostics.Activity> SpanAsync(JobServiceRig rig, long jobId, string name)
    {
        var id = jobId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Polling.UntilAsync(() => rig.Spans.Any(s => s.DisplayName == name && Equals(s.GetTagItem(JobTelemetry.JobIdTag), id)), JobServiceRig.HangGuard);
        return rig.Spans.Single(s => s.DisplayName == name && Equals(s.GetTagItem(JobTelemetry.JobIdTag), id));
    }
}

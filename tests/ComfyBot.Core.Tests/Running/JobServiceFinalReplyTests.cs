using ComfyBot.Core.Progress;
using ComfyBot.Core.Tests.Backends;
using ComfyBot.Core.Workflows;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceFinalReplyTests
{
    [Fact]
    public async Task A_result_offers_reroll_details_and_the_follow_ups_its_workflow_names()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = JobServiceInputImageTests.ImageWorkflows();
        await rig.StartServiceAsync();

        var job = await rig.SubmitAsync(1);
        var final = await rig.WaitForFinalAsync(job.Id);

        Assert.Equal(ReplyButtons.Reroll | ReplyButtons.Details | ReplyButtons.Upscale | ReplyButtons.Vary | ReplyButtons.Edit | ReplyButtons.Delete, final.Buttons);
        Assert.Equal(2, final.Images.Count);
    }

    [Fact]
    public async Task A_result_without_follow_ups_offers_reroll_and_details_only()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();

        var job = await rig.SubmitAsync(1);

        Assert.Equal(ReplyButtons.Reroll | ReplyButtons.Details | ReplyButtons.Edit | ReplyButtons.Delete, (await rig.WaitForFinalAsync(job.Id)).Buttons);
    }

    [Fact]
    public async Task A_failure_offers_reroll_and_details_and_a_cancel_details_only()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Simulator.FailNode = "KSampler";
        await rig.StartServiceAsync();

        var failed = await rig.SubmitAsync(1);
        Assert.Equal(ReplyButtons.Reroll | ReplyButtons.Details | ReplyButtons.Edit | ReplyButtons.Delete, (await rig.WaitForFinalAsync(failed.Id)).Buttons);

        rig.Service.Pause();
        var cancelled = await rig.SubmitAsync(2);
        await rig.Service.CancelAsync(cancelled.Id, 2, "member-2", isAdmin: false);
        Assert.Equal(ReplyButtons.Details, (await rig.WaitForFinalAsync(cancelled.Id)).Buttons);
    }

    [Fact]
    public async Task A_batch_of_four_with_grid_gets_the_grid_first_then_the_four_images()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = JobServiceInputImageTests.ImageWorkflows(grid: true);
        await rig.StartServiceAsync();

        var four = await rig.SubmitAsync(1, parameters: new() { Batch = 4 });
        var two = await rig.SubmitAsync(2, parameters: new() { Batch = 2 });
        var fourFinal = await rig.WaitForFinalAsync(four.Id);
        var twoFinal = await rig.WaitForFinalAsync(two.Id);

        Assert.Equal(5, fourFinal.Images.Count);
        Assert.Equal("grid.png", fourFinal.Images[0].FileName);
        using var grid = TestImagesDecode(fourFinal.Images[0].Content);
        using var first = TestImagesDecode(fourFinal.Images[1].Content);
        Assert.Equal(first.Width * 2, grid.Width);
        Assert.StartsWith("✅ Done: 4 images", fourFinal.Text, StringComparison.Ordinal);
        Assert.Equal(2, twoFinal.Images.Count);
        Assert.DoesNotContain(twoFinal.Images, i => i.FileName == "grid.png");
    }

    [Fact]
    public async Task The_grid_is_fitted_to_the_jobs_attachment_limit_like_the_images()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = new WorkflowCatalog([new WorkflowDefinition("txt2img", TemplateFixtures.Load("txt2img.json")) { Grid = true }]);
        await rig.StartServiceAsync();

        var job = await rig.SubmitAsync(1, parameters: new() { Batch = 4, Width = 512, Height = 512 }, byteLimit: 64 * 1024);
        var final = await rig.WaitForFinalAsync(job.Id);

        Assert.Equal(5, final.Images.Count);
        Assert.All(final.Images, i => Assert.True(i.Content.Length <= 64 * 1024, $"{i.FileName} has {i.Content.Length} bytes"));
    }

    private static SkiaSharp.SKBitmap TestImagesDecode(ReadOnlyMemory<byte> image) => Images.TestImages.Decode(image);
}

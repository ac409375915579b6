using System.Text;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Tests.Backends;
using ComfyBot.Core.Tests.Images;
using ComfyBot.Core.Workflows;
using SkiaSharp;

namespace ComfyBot.Core.Tests.Progress;

/// <summary>The final reply of a run ComfyUI finished: never lost to an image the bot cannot use.</summary>
public sealed class FinalReplyComposerTests
{
    private static readonly FinalReplyComposer Composer = new(
        new WorkflowCatalog([new WorkflowDefinition("txt2img", TemplateFixtures.Load("txt2img.json"))]),
        10 * 1024 * 1024);

    private static readonly Job Job = new() { Id = 3, Owner = new JobOwner(1, "member-1"), ChannelId = 555, Workflow = "txt2img", Seed = 42 };

    [Fact]
    public void The_images_that_could_be_read_are_sent_with_a_note_naming_the_others()
    {
        var good = new ReplyImage("ComfyUI_00001_.png", "image/png", TestImages.SolidPng(64, 64, SKColors.Teal));
        var page = new ReplyImage("ComfyUI_00002_.png", "image/png", Encoding.UTF8.GetBytes("<html>Sign in</html>"));

        var (reply, succeeded) = Composer.Success(Job, [good, page], ["'ComfyUI_00003_.png' could not be fetched from gpu-1 (502)"], TimeSpan.FromSeconds(3));

        Assert.True(succeeded);
        Assert.Equal(
            "✅ Done: 1 image · seed 42 · 3.0s\n⚠️ 2 of 3 images could not be read: 'ComfyUI_00003_.png' could not be fetched from gpu-1 (502); 'ComfyUI_00002_.png' is not an image (the server sent 20 bytes of something else)",
            reply.Text);
        Assert.Equal("ComfyUI_00001_.png", Assert.Single(reply.Images).FileName);
        Assert.True(reply.IsFinal);
    }

    [Fact]
    public void With_no_image_readable_the_reply_is_a_failure_that_says_why()
    {
        var page = new ReplyImage("ComfyUI_00001_.png", "image/png", Encoding.UTF8.GetBytes("<html/>"));

        var (reply, succeeded) = Composer.Success(Job, [page], [], TimeSpan.FromSeconds(3));

        Assert.False(succeeded);
        Assert.Equal("❌ The GPU server finished, but none of its images could be read: 'ComfyUI_00001_.png' is not an image (the server sent 7 bytes of something else)", reply.Text);
        Assert.Empty(reply.Images);
        Assert.Equal(ReplyButtons.Reroll | ReplyButtons.Details | ReplyButtons.Edit | ReplyButtons.Delete, reply.Buttons);
    }

    [Fact]
    public void A_run_with_every_image_readable_is_told_as_before()
    {
        var good = new ReplyImage("ComfyUI_00001_.png", "image/png", TestImages.SolidPng(64, 64, SKColors.Teal));

        var (reply, succeeded) = Composer.Success(Job, [good], [], TimeSpan.FromSeconds(3));

        Assert.True(succeeded);
        Assert.Equal(ProgressView.Done(1, 42, TimeSpan.FromSeconds(3)), reply.Text);
        Assert.Equal(ReplyButtons.Reroll | ReplyButtons.Details | ReplyButtons.Edit | ReplyButtons.Delete, reply.Buttons);
    }

    [Fact]
    public void A_batch_of_four_on_a_grid_workflow_is_numbered_1_to_4_after_its_grid()
    {
        var composer = new FinalReplyComposer(
            new WorkflowCatalog([new WorkflowDefinition("txt2img", TemplateFixtures.Load("txt2img.json")) { Grid = true }]),
            10 * 1024 * 1024);
        var images = Enumerable.Range(1, 4).Select(i => new ReplyImage($"ComfyUI_0000{i}_.png", "image/png", TestImages.SolidPng(64, 64, SKColors.Teal))).ToList();

        var (reply, _) = composer.Success(Job, images, [], TimeSpan.FromSeconds(3));

        Assert.Equal((4, true, 5), (reply.Numbered, reply.HasGrid, reply.Images.Count));
        Assert.Equal("grid.png", reply.Images[0].FileName);
    }

    [Fact]
    public void With_an_image_missing_the_numbers_would_not_match_so_per_image_actions_are_off_and_the_reply_says_so()
    {
        var good = new ReplyImage("ComfyUI_00001_.png", "image/png", TestImages.SolidPng(64, 64, SKColors.Teal));

        var (reply, _) = Composer.Success(Job, [good, good], ["'ComfyUI_00003_.png' could not be fetched from gpu-1 (502)"], TimeSpan.FromSeconds(3));

        Assert.Equal((0, false), (reply.Numbered, reply.HasGrid));
        Assert.Contains("Per-image Upscale and Vary are off for this reply, since some images are missing", reply.Text, StringComparison.Ordinal);
    }
}

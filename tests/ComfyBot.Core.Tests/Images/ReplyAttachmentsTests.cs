using ComfyBot.Core.Images;
using ComfyBot.Core.Progress;
using SkiaSharp;

namespace ComfyBot.Core.Tests.Images;

public sealed class ReplyAttachmentsTests
{
    private static ReplyImage Png(int index, byte[] content) => new($"ComfyUI_{index:00000}_.png", "image/png", content);

    [Fact]
    public void Prepare_TwelveSmallImages_ReplyTakesTenAndOneFollowupTheRest()
    {
        var outputs = Enumerable.Range(1, 12).Select(i => Png(i, TestImages.SolidPng(8, 8, SKColors.Gray))).ToList();

        var prepared = ReplyAttachments.Prepare(outputs, 1024 * 1024);

        Assert.Equal(10, prepared.ForReply.Count);
        Assert.Equal([2], prepared.ForFollowups.Select(g => g.Count));
        Assert.Equal("ComfyUI_00011_.png", prepared.ForFollowups.Single()[0].FileName);
        Assert.Null(prepared.Note);
    }

    [Fact]
    public void Prepare_BatchOfFourWithGrid_PutsTheGridFirstThenEachImage()
    {
        var outputs = new[] { SKColors.Red, SKColors.Lime, SKColors.Blue, SKColors.Yellow }
            .Select((c, i) => Png(i, TestImages.SolidPng(32, 32, c))).ToList();

        var prepared = ReplyAttachments.Prepare(outputs, 1024 * 1024, withGrid: true);

        Assert.Equal(["grid.png", "ComfyUI_00000_.png", "ComfyUI_00001_.png", "ComfyUI_00002_.png", "ComfyUI_00003_.png"], prepared.ForReply.Select(r => r.FileName));
        Assert.Equal((64, 64), (prepared.Images[0].Width, prepared.Images[0].Height));
        Assert.Empty(prepared.ForFollowups);
    }

    [Fact]
    public void Prepare_GridAskedForThreeImages_MakesNoGrid()
    {
        var outputs = Enumerable.Range(0, 3).Select(i => Png(i, TestImages.SolidPng(8, 8, SKColors.Gray))).ToList();

        var prepared = ReplyAttachments.Prepare(outputs, 1024 * 1024, withGrid: true);

        Assert.DoesNotContain(prepared.Images, i => i.FileName == "grid.png");
        Assert.Equal(3, prepared.Images.Count);
    }

    [Fact]
    public void Prepare_SomeImagesOverTheLimit_NoteCountsThem()
    {
        var large = TestImages.GrainyGradientPng(256, 256);
        var outputs = new[] { Png(1, TestImages.SolidPng(8, 8, SKColors.Gray)), Png(2, large), Png(3, large), Png(4, TestImages.SolidPng(8, 8, SKColors.Gray)) };
        var limit = large.Length / 2;

        var prepared = ReplyAttachments.Prepare(outputs, limit);

        Assert.Equal(["image/png", "image/jpeg", "image/jpeg", "image/png"], prepared.ForReply.Select(r => r.MediaType));
        Assert.All(prepared.ForReply, r => Assert.True(r.Content.Length <= limit));
        Assert.Equal($"2 of 4 images re-encoded as JPEG to fit Discord's {FittedImage.DescribeLimit(limit)} limit", prepared.Note);
    }

    [Fact]
    public void Prepare_NoImages_GivesNothingToAttach()
    {
        var prepared = ReplyAttachments.Prepare([], 1024);

        Assert.Empty(prepared.ForReply);
        Assert.Empty(prepared.Groups);
        Assert.Null(prepared.Note);
    }
}

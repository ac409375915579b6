using ComfyBot.Core.Progress;

namespace ComfyBot.Tests.Replies;

/// <summary>A job's reply against FakeDiscord: progress edits, the final images and followups.</summary>
public sealed class DiscordJobViewTests
{
    [Fact]
    public async Task ProgressThenFinal_ReplacesPreviews_FinalCarriesImagesAndButtons()
    {
        await using var bed = await ReplyBed.StartAsync();
        var view = bed.View;

        Assert.Equal(ReplySendResult.Sent, await view.ShowAsync(ReplyState.Progress("Queued: #2"), default));
        Assert.Equal(ReplySendResult.Sent, await view.ShowAsync(ReplyState.Progress("KSampler 5/20", Images.Jpeg(1)), default));
        Assert.Equal(ReplySendResult.Sent, await view.ShowAsync(ReplyState.Progress("KSampler 15/20", Images.Jpeg(2)), default));
        var final = ReplyState.Final("Done: seed 42, 12.3 s", [Images.Png("a.png", 7), Images.Png("b.png", 8)], ReplyButtons.Reroll | ReplyButtons.Details);
        Assert.Equal(ReplySendResult.Sent, await view.ShowAsync(final, default));

        var history = bed.Original.History;
        Assert.Equal(["", "Queued: #2", "KSampler 5/20", "KSampler 15/20", "Done: seed 42, 12.3 s"], history.Select(s => s.Content));
        Assert.Empty(history[1].Attachments);
        Assert.Equal(["cancel:job-1"], history[1].CustomIds);
        // Each preview is the message's only attachment: the newer one replaces the older.
        var first = Assert.Single(history[2].Attachments);
        var second = Assert.Single(history[3].Attachments);
        Assert.Equal("preview.jpg", second.Filename);
        Assert.Equal(Images.Jpeg(1).Content.ToArray(), first.Bytes.ToArray());
        Assert.Equal(Images.Jpeg(2).Content.ToArray(), second.Bytes.ToArray());
        Assert.NotEqual(first.Id, second.Id);

        var done = history[4];
        Assert.Equal(["a.png", "b.png"], done.Attachments.Select(a => a.Filename));
        Assert.Equal(Images.Png("a.png", 7).Content.ToArray(), done.Attachments[0].Bytes.ToArray());
        Assert.Equal(Images.Png("b.png", 8).Content.ToArray(), done.Attachments[1].Bytes.ToArray());
        Assert.Equal(["reroll:job-1", "details:job-1"], done.CustomIds);
        Assert.Empty(bed.Interaction.Followups);
        Assert.True(view.Target.FinalDelivered);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task DiscordFailingOnItsSide_IsAnOutage_NotAFailureOfTheReply()
    {
        await using var bed = await ReplyBed.StartAsync(maxServerErrorRetries: 0);
        bed.Fake.ScriptServerError(ReplyBed.EditOriginal, times: 1, status: 503);

        var final = ReplyState.Final("Done", [Images.Png("a.png", 1)]);
        var refused = await bed.View.ShowAsync(final, default);

        Assert.True(refused.IsUnavailable, refused.ToString());
        Assert.False(bed.View.Target.FinalDelivered);
        Assert.Equal(ReplySendResult.Sent, await bed.View.ShowAsync(final, default));
        Assert.Equal("Done", bed.Original.Current.Content);
        Assert.True(bed.View.Target.FinalDelivered);
    }

    [Fact]
    public async Task ProgressWithoutPreview_RemovesTheOldPreview()
    {
        await using var bed = await ReplyBed.StartAsync();

        await bed.View.ShowAsync(ReplyState.Progress("step 1", Images.Jpeg(1)), default);
        await bed.View.ShowAsync(ReplyState.Progress("VAE decode"), default);

        Assert.Single(bed.Original.History[1].Attachments);
        Assert.Empty(bed.Original.Current.Attachments);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task TwelveImages_TenOnTheReply_TwoInAFollowup_AndARepeatedFinalSendsNothingTwice()
    {
        await using var bed = await ReplyBed.StartAsync();
        var images = Images.Pngs(12);
        var final = ReplyState.Final("Done", images, ReplyButtons.Reroll | ReplyButtons.Upscale | ReplyButtons.Vary) with { Numbered = 12 };

        await bed.View.ShowAsync(final, default);
        var statesAfterFirst = bed.Original.History.Count;
        await bed.View.ShowAsync(final, default);

        Assert.Equal(images.Take(10).Select(i => i.FileName), bed.Original.Current.Attachments.Select(a => a.Filename));
        // Each message carries the U/V buttons of its own images: 1 + 2 + 2 rows here, Discord's limit of 5.
        Assert.Equal(["reroll:job-1", .. Numbered("upscale", 1, 10), .. Numbered("vary", 1, 10)], bed.Original.Current.CustomIds);
        Assert.Equal(5, bed.Original.Current.Components.Count);
        var followup = Assert.Single(bed.Interaction.Followups);
        Assert.Equal([.. Numbered("upscale", 11, 2), .. Numbered("vary", 11, 2)], followup.Current.CustomIds);
        Assert.Equal(["image-11.png", "image-12.png"], followup.Current.Attachments.Select(a => a.Filename));
        Assert.Equal(images[11].Content.ToArray(), followup.Current.Attachments[1].Bytes.ToArray());
        Assert.Equal(statesAfterFirst, bed.Original.History.Count);
        Assert.Equal([followup.Id], bed.View.Target.FollowupIds);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public void BatchOfFourOnAGrid_GridAlone_CarriesOnlyTheGridAndAllFourNumbers()
    {
        var images = Images.Pngs(5);
        var final = ReplyState.Final("Done", images, ReplyButtons.Reroll | ReplyButtons.Vary | ReplyButtons.Upscale | ReplyButtons.Delete) with { Numbered = 4, HasGrid = true };

        var body = ComfyBot.Replies.ReplyMessage.Body(final, new ComfyBot.Replies.ReplyDecor("7") { GridOnly = true, Caption = "🖌️ “a cat” by Alice" });
        var withSingles = ComfyBot.Replies.ReplyMessage.Body(final, new ComfyBot.Replies.ReplyDecor("7"));

        Assert.Equal(["image-1.png"], body.Files!.Select(f => f.FileName));
        Assert.Equal(5, withSingles.Files!.Count);
        Assert.Equal("Done\n🖌️ “a cat” by Alice", body.Content);
        string[] expected = ["reroll:7", "delete:7", "upscale:7:1", "upscale:7:2", "upscale:7:3", "upscale:7:4", "vary:7:1", "vary:7:2", "vary:7:3", "vary:7:4"];
        Assert.Equal(expected, body.Components!.SelectMany(r => r.Components).Cast<ComfyBot.Discord.Messages.Button>().Select(b => b.CustomId));
        Assert.Equal(["U1", "U2", "U3", "U4"], body.Components![1].Components.Cast<ComfyBot.Discord.Messages.Button>().Select(b => b.Label));
        Assert.Empty(ComfyBot.Replies.ReplyMessage.FollowupGroups(final, new ComfyBot.Replies.ReplyDecor("7") { GridOnly = true }));
    }

    [Fact]
    public void OneImage_KeepsTheSimpleUpscaleAndVary_InTwoRowsOfAtMostFive()
    {
        var final = ReplyState.Final("Done", Images.Pngs(1), ReplyButtons.Reroll | ReplyButtons.Upscale | ReplyButtons.Vary | ReplyButtons.Details | ReplyButtons.Edit | ReplyButtons.Delete) with { Numbered = 1 };

        var rows = ComfyBot.Replies.ReplyMessage.Body(final, "9").Components!;

        Assert.Equal([5, 1], rows.Select(r => r.Components.Count));
        Assert.Equal(
            ["reroll:9", "upscale:9:1", "vary:9:1", "details:9", "edit:9", "delete:9"],
            rows.SelectMany(r => r.Components).Cast<ComfyBot.Discord.Messages.Button>().Select(b => b.CustomId));
    }

    [Fact]
    public void SomeImagesMissing_OffersNoPerImageButtons()
    {
        var final = ReplyState.Final("Done", Images.Pngs(3), ReplyButtons.Reroll | ReplyButtons.Upscale | ReplyButtons.Vary);

        var rows = ComfyBot.Replies.ReplyMessage.Body(final, "9").Components!;

        Assert.Equal(["reroll:9"], rows.SelectMany(r => r.Components).Cast<ComfyBot.Discord.Messages.Button>().Select(b => b.CustomId));
    }

    private static IEnumerable<string> Numbered(string action, int first, int count) =>
        Enumerable.Range(first, count).Select(n => $"{action}:job-1:{n}");

    [Fact]
    public async Task TwentyFiveImages_GoOutInGroupsOfTen()
    {
        await using var bed = await ReplyBed.StartAsync();

        await bed.View.ShowAsync(ReplyState.Final("Done", Images.Pngs(25)), default);

        Assert.Equal(10, bed.Original.Current.Attachments.Count);
        Assert.Equal([10, 5], bed.Interaction.Followups.Select(f => f.Current.Attachments.Count));
        Assert.Empty(bed.Original.Current.CustomIds);
        bed.Fake.AssertNoContractViolations();
    }
}

using System.Security.Cryptography;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>A job with more images than one Discord message can carry: ten on the reply, the rest in a followup.</summary>
public sealed class ManyImagesTests
{
    [Fact]
    public async Task BatchOfTwelve_PutsTenOnTheReplyAndTwoInOneFollowup_EachImageOnce()
    {
        var options = new BotBedOptions();

        // Everyone may ask for four by default; the slash command itself allows up to sixteen.
        options.Configuration["ComfyBot:Policy:Everyone:MaxBatch"] = "16";
        await using var bed = await BotBed.StartAsync(options);

        var interaction = bed.Imagine("a dozen at once", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 12));
        var reply = await bed.WaitForDoneAsync(interaction);
        await bed.Fake.WaitForAsync(_ => interaction.Followups.Any(f => f.Current.Attachments.Count > 0)).WaitAsync(BotBed.HangGuard);

        var final = reply.Current;
        Assert.StartsWith("✅ Done: 12 images", final.Content, StringComparison.Ordinal);
        Assert.Equal(10, final.Attachments.Count);
        Assert.Single(reply.History, s => BotBed.IsFinal(s.Content));
        var followup = Assert.Single(interaction.Followups).Current;
        Assert.Equal(2, followup.Attachments.Count);
        Assert.False(followup.IsEphemeral);

        var images = final.Attachments.Concat(followup.Attachments).ToList();
        Assert.All(images, a => Assert.Equal("image/png", a.ContentType));
        Assert.Equal(12, images.Select(a => a.Filename).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(12, images.Select(a => Convert.ToHexString(SHA256.HashData(a.Bytes.Span))).Distinct(StringComparer.Ordinal).Count());
        bed.Fake.AssertNoContractViolations();
    }
}

using System.Globalization;
using ComfyBot.FakeDiscord;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;
using ComfyBot.Tests.Commands;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// Issue 13: /imagine's spoiler option and a channel's spoiler rule send the images with Discord's SPOILER_ file name
/// prefix (which FakeDiscord, as Discord, marks as a spoiler); a Re-roll of a spoiler stays one.
/// </summary>
public sealed class SpoilerTests
{
    [Fact]
    public async Task SpoilerOptionAndChannelRule_SendTheImagesAsSpoilers_AndARerollKeepsIt()
    {
        FakeChannel hidden = null!;
        await using var bed = await ModerationSteps.StartAsync(o => o.PrepareDiscord = fake =>
        {
            hidden = fake.AddChannel(1_300_000_000_000_000_010, "hidden");
            o.Configuration["ComfyBot:Moderation:Channels:0:ChannelId"] = hidden.Id.ToString(CultureInfo.InvariantCulture);
            o.Configuration["ComfyBot:Moderation:Channels:0:Spoiler"] = "true";
        });

        var plain = await bed.WaitForDoneAsync(ModerationSteps.Imagine(bed, "a lighthouse", CommandSteps.Alice));
        var asked = await bed.WaitForDoneAsync(ModerationSteps.Imagine(bed, "a lighthouse", CommandSteps.Alice, SlashCommandOption.Boolean("spoiler", true)));
        var byRule = await bed.WaitForDoneAsync(ModerationSteps.Imagine(bed, "a lighthouse", CommandSteps.Bob with { ChannelId = hidden.Id }));

        Assert.All(Images(plain), a => Assert.False(a.IsSpoiler, a.Filename));
        Assert.All(Images(plain), a => Assert.DoesNotMatch("^SPOILER_", a.Filename));
        foreach (var spoiled in new[] { asked, byRule })
        {
            Assert.All(Images(spoiled), a => Assert.StartsWith("SPOILER_", a.Filename, StringComparison.Ordinal));
            Assert.All(Images(spoiled), a => Assert.True(a.IsSpoiler));
        }

        var reroll = bed.Click(asked, BotBed.Button(asked, "reroll"), CommandSteps.Alice);
        var rerolled = await bed.WaitForDoneAsync(reroll);
        Assert.All(Images(rerolled), a => Assert.StartsWith("SPOILER_", a.Filename, StringComparison.Ordinal));
        bed.Fake.AssertNoContractViolations();
    }

    private static IReadOnlyList<FakeAttachment> Images(FakeMessage reply)
    {
        Assert.NotEmpty(reply.Current.Attachments);
        return reply.Current.Attachments;
    }
}

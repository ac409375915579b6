using System.Globalization;
using ComfyBot.FakeDiscord;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Testing;
using ComfyBot.Tests.Commands;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// Issue 13, per-channel rules: the templates a channel allows, and templates marked Nsfw only where Discord's
/// interaction says the channel is age-restricted (a thread says nothing, so it counts as not). Refusals say what is
/// allowed there, and autocomplete offers only that.
/// </summary>
public sealed class ChannelRulesTests
{
    private const ulong Guild = 1_300_000_000_000_000_010;

    [Fact]
    public async Task ChannelRules_AllowListedTemplates_AndNsfwOnesOnlyInAgeRestrictedChannels_SayingWhatIsAllowed()
    {
        FakeChannel adults = null!, thread = null!;
        await using var bed = await ModerationSteps.StartAsync(o =>
        {
            o.ExtraTemplates["spicy"] = RepositoryFixtures.ReadText("comfy", "workflows", "txt2img.json");
            o.Configuration["ComfyBot:Templates:3:Nsfw"] = "true";
            o.Configuration["ComfyBot:Moderation:Channels:0:ChannelId"] = ModerationSteps.General.ToString(CultureInfo.InvariantCulture);
            o.Configuration["ComfyBot:Moderation:Channels:0:Templates:0"] = "txt2img";
            o.Configuration["ComfyBot:Moderation:Channels:0:Templates:1"] = "spicy";
            o.PrepareDiscord = fake =>
            {
                adults = fake.AddChannel(Guild, "adults", nsfw: true);
                thread = fake.AddChannel(Guild, "adults-thread", type: 11);
            };
        });
        var inGeneral = new InteractionOrigin { User = CommandSteps.Alice.User, ChannelId = ModerationSteps.General };
        var inAdults = inGeneral with { ChannelId = adults.Id };
        var inThread = inGeneral with { ChannelId = thread.Id };

        // FakeDiscord sends the flag as Discord does: on guild channels, never on threads.
        var probe = bed.Fake.CreateAutocomplete("imagine", [SlashCommandOption.Text("prompt", "x"), SlashCommandOption.Text("workflow", string.Empty) with { Focused = true }], inAdults);
        Assert.True(probe.Payload.GetProperty("channel").GetProperty("nsfw").GetBoolean());
        var threadProbe = bed.Fake.CreateAutocomplete("imagine", [SlashCommandOption.Text("prompt", "x"), SlashCommandOption.Text("workflow", string.Empty) with { Focused = true }], inThread);
        Assert.False(threadProbe.Payload.GetProperty("channel").TryGetProperty("nsfw", out _));

        // General lists txt2img (with its Vary template img2img) and spicy, but is not age-restricted.
        var notListed = await bed.WaitForAnswerAsync(bed.Imagine("a lighthouse", inGeneral, SlashCommandOption.Text("workflow", "fail")));
        Assert.True(notListed.IsEphemeral);
        Assert.Equal("The workflow 'fail' is not allowed in this channel. Here you can use: txt2img, img2img.", notListed.Content);
        var nsfwInGeneral = await bed.WaitForAnswerAsync(ModerationSteps.Imagine(bed, "a lighthouse", inGeneral, SlashCommandOption.Text("workflow", "spicy")));
        Assert.Equal("The workflow 'spicy' is marked NSFW and runs only in age-restricted channels; this channel is not. Here you can use: txt2img, img2img.", nsfwInGeneral.Content);
        var nsfwInThread = await bed.WaitForAnswerAsync(ModerationSteps.Imagine(bed, "a lighthouse", inThread, SlashCommandOption.Text("workflow", "spicy")));
        Assert.Equal("The workflow 'spicy' is marked NSFW and runs only in age-restricted channels; Discord did not say whether this channel is age-restricted (it never does for threads and DMs), so it counts as not. Here you can use: txt2img, img2img, fail.", nsfwInThread.Content);
        Assert.Empty(bed.Runtime.Jobs.ListQueue());

        var done = await bed.WaitForDoneAsync(ModerationSteps.Imagine(bed, "a lighthouse", inAdults, SlashCommandOption.Text("workflow", "spicy")));
        Assert.StartsWith("✅", done.Current.Content, StringComparison.Ordinal);

        Assert.Equal(["txt2img", "img2img"], await SuggestWorkflowsAsync(bed, inGeneral));
        Assert.Equal(["txt2img", "img2img", "fail", "spicy"], await SuggestWorkflowsAsync(bed, inAdults));
        Assert.Equal(["txt2img", "img2img", "fail"], await SuggestWorkflowsAsync(bed, inThread));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Workflows_ListsWhatTheChannelAllows_AndCountsWhatItLeavesOut()
    {
        FakeChannel adults = null!;
        await using var bed = await ModerationSteps.StartAsync(o =>
        {
            o.ExtraTemplates["spicy"] = RepositoryFixtures.ReadText("comfy", "workflows", "txt2img.json");
            o.Configuration["ComfyBot:Templates:3:Nsfw"] = "true";
            o.Configuration["ComfyBot:Moderation:Channels:0:ChannelId"] = ModerationSteps.General.ToString(CultureInfo.InvariantCulture);
            o.Configuration["ComfyBot:Moderation:Channels:0:Templates:0"] = "img2img";
            o.PrepareDiscord = fake => adults = fake.AddChannel(Guild, "adults", nsfw: true);
        });
        var inGeneral = new InteractionOrigin { User = CommandSteps.Alice.User, ChannelId = ModerationSteps.General };

        // Before, /workflows listed all four here, the default included, though /imagine refused three of them.
        var general = await CommandSteps.RunAsync(bed, "workflows", inGeneral);
        Assert.Equal(["img2img"], general.Embeds.Select(e => e.GetProperty("title").GetString()));
        Assert.Equal(
            "**1 workflow.** Pick one with /imagine workflow:<name>; this channel does not allow the default `txt2img`, so give one.\n"
            + "3 more are not allowed in this channel (its rules, or age-restricted only).",
            general.Content);

        var inAdults = await CommandSteps.RunAsync(bed, "workflows", inGeneral with { ChannelId = adults.Id });
        Assert.Equal(["txt2img", "img2img", "fail", "spicy"], inAdults.Embeds.Select(e => e.GetProperty("title").GetString()));
        Assert.Equal("**4 workflows.** Pick one with /imagine workflow:<name>; without it you get `txt2img`.", inAdults.Content);
        bed.Fake.AssertNoContractViolations();
    }

    private static Task<IReadOnlyList<string>> SuggestWorkflowsAsync(BotBed bed, InteractionOrigin who) =>
        CommandSteps.SuggestAsync(bed, "imagine", who, SlashCommandOption.Text("prompt", "x"), SlashCommandOption.Text("workflow", string.Empty) with { Focused = true });
}

using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Workflows;
using ComfyBot.Testing;

namespace ComfyBot.Core.Tests.Moderation;

/// <summary>Which templates a channel allows, the NSFW gate, and what a refusal says is allowed instead.</summary>
public sealed class ChannelRulesTests
{
    [Fact]
    public void ListedChannel_AllowsItsTemplatesAndTheirFollowUps_AndSaysSoWhenRefusing()
    {
        var catalog = Catalog();
        var rules = new ChannelRules(new ModerationOptions { Channels = [new ChannelRule { ChannelId = 1, Templates = ["sd15", "spicy"] }] }, catalog);

        Assert.True(rules.Allows(Get(catalog, "sd15"), 1, nsfw: false));
        Assert.True(rules.Allows(Get(catalog, "upscale"), 1, nsfw: false));
        Assert.False(rules.Allows(Get(catalog, "other"), 1, nsfw: false));
        Assert.True(rules.Allows(Get(catalog, "other"), 2, nsfw: false));

        var refusal = rules.Check(Get(catalog, "other"), 1, nsfw: false);
        Assert.Equal(RefusalReason.WorkflowNotAllowedHere, refusal?.Reason);
        Assert.Equal("The workflow 'other' is not allowed in this channel. Here you can use: sd15, upscale.", refusal?.Message);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "The workflow 'spicy' is marked NSFW and runs only in age-restricted channels; this channel is not. Here you can use: sd15, other, upscale.")]
    [InlineData(null, "The workflow 'spicy' is marked NSFW and runs only in age-restricted channels; Discord did not say whether this channel is age-restricted (it never does for threads and DMs), so it counts as not. Here you can use: sd15, other, upscale.")]
    public void NsfwTemplate_RunsOnlyWhereDiscordSaysTheChannelIsAgeRestricted(bool? nsfw, string? refused)
    {
        var catalog = Catalog();
        var rules = new ChannelRules(new ModerationOptions(), catalog);

        Assert.Equal(refused, rules.Check(Get(catalog, "spicy"), 7, nsfw)?.Message);
        Assert.Equal(refused is null, rules.Allows(Get(catalog, "spicy"), 7, nsfw));
    }

    [Fact]
    public void SpoilerRule_IsPerChannel()
    {
        var rules = new ChannelRules(new ModerationOptions { Channels = [new ChannelRule { ChannelId = 3, Spoiler = true }] }, Catalog());

        Assert.True(rules.Spoiler(3));
        Assert.False(rules.Spoiler(4));
    }

    private static WorkflowCatalog Catalog()
    {
        var template = WorkflowTemplate.Parse(RepositoryFixtures.ReadText("comfy", "workflows", "txt2img.json"), new WorkflowTemplateOptions { Name = "t" });
        var upscale = WorkflowTemplate.Parse(RepositoryFixtures.ReadText("comfy", "workflows", "img2img.json"), new WorkflowTemplateOptions { Name = "u" });
        return new WorkflowCatalog(
        [
            new WorkflowDefinition("sd15", template) { UpscaleWith = "upscale" },
            new WorkflowDefinition("spicy", template) { Nsfw = true },
            new WorkflowDefinition("other", template),
            new WorkflowDefinition("upscale", upscale),
        ]);
    }

    private static WorkflowDefinition Get(WorkflowCatalog catalog, string name) =>
        catalog.TryGet(name, out var definition) ? definition : throw new InvalidOperationException(name);
}

using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue test 2: the newest preview replaces the previous one on the reply, never piling up.</summary>
public sealed class PreviewTests
{
    [Fact]
    public async Task Imagine_WithPreviews_EachProgressStateCarriesOnlyTheNewestPreview()
    {
        // Slow enough that several progress edits (each with a preview) go out before the end.
        await using var bed = await BotBed.StartAsync(new BotBedOptions { StepsPerSecond = 10 });

        var interaction = bed.Imagine("a lighthouse at dusk", null, SlashCommandOption.WholeNumber("steps", 12), SlashCommandOption.WholeNumber("batch", 1));
        var reply = await bed.WaitForDoneAsync(interaction);

        var running = reply.History.Where(s => s.Content.StartsWith("🎨", StringComparison.Ordinal)).ToList();
        var withPreview = running.Where(s => s.Attachments.Count > 0).ToList();
        Assert.NotEmpty(withPreview);
        Assert.All(withPreview, s => Assert.StartsWith("preview.", Assert.Single(s.Attachments).Filename, StringComparison.Ordinal));
        Assert.True(withPreview.Select(s => s.Attachments[0].Id).Distinct().Count() == withPreview.Count, "each preview edit uploads a new file in place of the old one");
        var final = reply.Current;
        Assert.DoesNotContain(final.Attachments, a => a.Filename.StartsWith("preview.", StringComparison.Ordinal));
        Assert.Single(final.Attachments);
        bed.Fake.AssertNoContractViolations();
    }
}

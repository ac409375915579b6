using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue test 2: the newest preview replaces the previous one on the reply, never piling up.</summary>
public sealed partial class PreviewTests
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

    /// <summary>
    /// Issue 10, defect 9: ComfyUI sends a step's preview just before that step's progress (to the bot, which asks for
    /// previews with metadata). Steps slower than the reply interval let the preview's own state go out at once, so
    /// before the fix every other edit repeated the previous step under the next step's image.
    /// </summary>
    [Fact]
    public async Task Imagine_EachProgressEditShowsThePreviewOfTheStepItNames_AndNoEditRepeatsAStep()
    {
        await using var bed = await BotBed.StartAsync(new BotBedOptions { StepsPerSecond = 4 });

        var interaction = bed.Imagine("a lighthouse at dawn", null, SlashCommandOption.WholeNumber("steps", 6), SlashCommandOption.WholeNumber("batch", 1));
        var reply = await bed.WaitForDoneAsync(interaction);

        var sent = bed.Simulator.SentPreviews.ToLookup(p => p.Sha256, p => p.Step);
        var shown = reply.History
            .Where(s => s.Attachments.Count > 0 && StepText().IsMatch(s.Content))
            .Select(s => (Step: int.Parse(StepText().Match(s.Content).Groups[1].Value, CultureInfo.InvariantCulture), Hash: Convert.ToHexStringLower(SHA256.HashData(s.Attachments[0].Bytes.Span)), s.Content))
            .ToList();
        Assert.True(shown.Count >= 2, bed.Describe(interaction));
        Assert.All(shown, s => Assert.True(
            sent[s.Hash].Contains(s.Step),
            $"'{s.Content}' carries the preview of step {string.Join("/", sent[s.Hash])}. {bed.Describe(interaction)}"));
        var steps = shown.Select(s => s.Step).ToList();
        Assert.True(steps.Zip(steps.Skip(1)).All(p => p.Second > p.First), $"a step was shown twice: {string.Join(", ", steps)}");
        bed.Fake.AssertNoContractViolations();
    }

    [GeneratedRegex(@"step (\d+)/\d+")]
    private static partial Regex StepText();
}

using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue 13: Details is enough to reproduce a result.</summary>
public sealed class DetailsTests
{
    [Fact]
    public async Task Details_ShowsEveryEffectiveValue_AndTheSeedFirst_EvenUnderAPromptThatFillsTheMessage()
    {
        await using var bed = await BotBed.StartAsync();
        var prompt = "a lighthouse, " + string.Concat(Enumerable.Repeat("golden hour light over a stormy sea, ", 52));
        var interaction = bed.Imagine(prompt.Trim(), null, SlashCommandOption.WholeNumber("seed", 7), SlashCommandOption.WholeNumber("batch", 1));
        var reply = await bed.WaitForDoneAsync(interaction);

        var details = await bed.WaitForAnswerAsync(bed.Click(reply, BotBed.Button(reply, "details")));

        // Before, the values the member left out were missing and the seed came after a prompt cut at 2,000.
        var lines = details.Content.Split('\n');
        Assert.Equal("seed: 7", lines[1]);
        Assert.Contains("steps: 8 (workflow default)", lines);
        Assert.Contains("cfg: 7 (workflow default)", lines);
        Assert.Contains("sampler: euler (workflow default)", lines);
        Assert.Contains("scheduler: normal (workflow default)", lines);
        Assert.Contains("width: 256 (workflow default)", lines);
        Assert.Contains("batch: 1", lines);
        Assert.StartsWith("prompt: a lighthouse, golden hour", lines.Single(l => l.StartsWith("prompt: ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith("…", lines.Single(l => l.StartsWith("prompt: ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.True(details.Content.Length <= 2000, $"{details.Content.Length} characters");
        bed.Fake.AssertNoContractViolations();
    }
}

using ComfyBot.Core.Jobs;
using ComfyBot.SlashCommands;

namespace ComfyBot.Tests.Commands;

/// <summary>Autocomplete choices for a job option.</summary>
public sealed class JobChoicesTests
{
    [Fact]
    public void Of_FiltersByIdOrPrompt_NewestFirst()
    {
        var entries = new[]
        {
            QueueTextTests.Entry(JobState.Running, null, "gpu-1", id: 12, prompt: "a red fox"),
            QueueTextTests.Entry(JobState.Waiting, 1, null, id: 13, prompt: "a blue whale"),
            QueueTextTests.Entry(JobState.Waiting, 2, null, id: 21, prompt: "a red car"),
        };

        Assert.Equal(["21", "13", "12"], JobChoices.Of(entries, "", withOwner: false).Select(c => c.Value.Text));
        Assert.Equal(["13", "12"], JobChoices.Of(entries, "#1", withOwner: false).Select(c => c.Value.Text));
        Assert.Equal(["21", "12"], JobChoices.Of(entries, "red", withOwner: false).Select(c => c.Value.Text));
        Assert.Equal("#13 · waiting #1 · alice · a blue whale", JobChoices.Of(entries, "13", withOwner: true).Single().Name);
        Assert.Equal("#12 · running · a red fox", JobChoices.Of(entries, "12", withOwner: false).Single().Name);
    }

    [Fact]
    public void Of_CapsAtTwentyFiveChoicesOfAtMostOneHundredCharacters()
    {
        var entries = Enumerable.Range(1, 40).Select(i => QueueTextTests.Entry(JobState.Waiting, i, null, id: i, prompt: new string('x', 300))).ToList();
        var choices = JobChoices.Of(entries, "", withOwner: true);
        Assert.Equal(25, choices.Count);
        Assert.All(choices, c => Assert.True(c.Name.Length <= 100));
        Assert.Equal("40", choices[0].Value.Text);
    }
}

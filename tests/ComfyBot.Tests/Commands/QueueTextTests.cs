using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Running;
using ComfyBot.SlashCommands;

namespace ComfyBot.Tests.Commands;

/// <summary>How listings describe a job's place, age and prompt.</summary>
public sealed class QueueTextTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(59, "59s")]
    [InlineData(60, "1m 00s")]
    [InlineData(245, "4m 05s")]
    [InlineData(7620, "2h 07m")]
    [InlineData(-5, "0s")]
    public void Age_IsShortAndReadable(int seconds, string expected) =>
        Assert.Equal(expected, QueueText.Age(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(null, "(no prompt)")]
    [InlineData("  ", "(no prompt)")]
    [InlineData("a cat", "“a cat”")]
    [InlineData("**bold** `code` _it_ ~x~ |s| > q # h \\", "“\\*\\*bold\\*\\* \\`code\\` \\_it\\_ \\~x\\~ \\|s\\| \\> q \\# h \\\\”")]
    [InlineData("line one\nline two", "“line one line two”")]
    [InlineData("0123456789012345678901234567890123456789XY", "“0123456789012345678901234567890123456789…”")]
    [InlineData("0123456789012345678901234567890123456789X", "“0123456789012345678901234567890123456789X”")]
    [InlineData("0123456789012345678901234567890123456789", "“0123456789012345678901234567890123456789”")]
    public void Prompt_IsOneQuotedLineWithMarkdownEscaped(string? prompt, string expected) =>
        Assert.Equal(expected, QueueText.Prompt(prompt));

    [Fact]
    public void Prompt_IsNotAMaskedLink() =>
        Assert.Equal("“\\[free nitro\\]\\(https://evil.example\\)”", QueueText.Prompt("[free nitro](https://evil.example)"));

    [Fact]
    public void Prompt_IsCutBetweenGraphemes()
    {
        // 39 letters then an emoji of two UTF-16 units: a cut at 40 units used to keep half of it (a U+FFFD in Discord).
        var shown = QueueText.Prompt(new string('a', 39) + "🐱🐱");

        Assert.Equal("“" + new string('a', 39) + "…”", shown);
        Assert.DoesNotContain(shown, char.IsSurrogate);
    }

    [Fact]
    public void Where_NamesThePlaceOrTheServer()
    {
        Assert.Equal("⏳ #3 of 7 waiting", QueueText.Where(Entry(JobState.Waiting, 3, null), 7));
        Assert.Equal("🎨 running on gpu-2", QueueText.Where(Entry(JobState.Running, null, "gpu-2"), 7));
        Assert.Equal("📤 sent to gpu-1", QueueText.Where(Entry(JobState.Submitted, null, "gpu-1"), 7));
    }

    internal static QueueEntry Entry(JobState state, int? position, string? backend, long id = 1, string prompt = "a cat", string owner = "alice") =>
        new(position, Job(id, state, backend, prompt, owner), TimeSpan.FromSeconds(12), prompt);

    internal static Job Job(long id, JobState state, string? backend, string prompt, string owner) => new()
    {
        Id = id,
        State = state,
        Backend = backend,
        Owner = new JobOwner(1_300_000_000_000_000_101, owner),
        ChannelId = 1_300_000_000_000_000_020,
        Workflow = "txt2img",
        Parameters = WorkflowParameters.None with { Prompt = prompt },
    };
}

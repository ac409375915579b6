using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Tests.Store;

namespace ComfyBot.Core.Tests.Moderation;

/// <summary>The prompt filter's matching rules, its configuration check, and the rules admins add that the store keeps.</summary>
public sealed class PromptFilterTests : IDisposable
{
    private readonly StoreFolder _folder = new();

    [Theory]
    [InlineData("a GORE scene", true)]
    [InlineData("gore", true)]
    [InlineData("blood, gore!", true)]
    [InlineData("ｇｏｒｅ in full-width letters", true)]
    [InlineData("a gorey word", false)]
    [InlineData("Algorezz", false)]
    [InlineData("a lighthouse", false)]
    public async Task Word_MatchesAsAWholeWord_IgnoringCaseAndWidth(string prompt, bool blocked)
    {
        using var store = await _folder.OpenAsync();
        var filter = new PromptFilter(new ModerationOptions { BlockedWords = ["gore"] }, store.Tables().PromptFilters);

        var hit = filter.Match(new WorkflowParameters { Prompt = prompt });

        Assert.Equal(blocked, hit is not null);
        Assert.Equal(blocked ? "BlockedWords:0" : null, hit?.Rule.Id);
    }

    [Fact]
    public async Task Phrase_AndPattern_MatchThePromptOrTheNegative()
    {
        using var store = await _folder.OpenAsync();
        var filter = new PromptFilter(new ModerationOptions { BlockedWords = ["bad  thing"], BlockedPatterns = [@"\bblood\w*"] }, store.Tables().PromptFilters);

        Assert.Equal("BlockedWords:0", filter.Match(new WorkflowParameters { Prompt = "a BAD thing here" })?.Rule.Id);
        Assert.Equal("BlockedPatterns:0", filter.Match(new WorkflowParameters { Prompt = "a lighthouse", Negative = "Bloodbath" })?.Rule.Id);
        Assert.Null(filter.Match(new WorkflowParameters { Prompt = "a bad lighthouse thing" }));
    }

    [Fact]
    public async Task Pattern_ThatRunsOutOfTime_CountsAsAMatch()
    {
        // (a+)+$ backtracks 2^n ways on a run of a's ending in another letter: no machine finishes it in 1 ms, so the
        // timeout (not the load) decides, and a prompt built to slow the pattern down is refused rather than let through.
        using var store = await _folder.OpenAsync();
        var filter = new PromptFilter(new ModerationOptions { BlockedPatterns = ["(a+)+$"], RegexTimeout = TimeSpan.FromMilliseconds(1) }, store.Tables().PromptFilters);

        var hit = filter.Match(new string('a', 40) + "!");

        Assert.NotNull(hit);
        Assert.True(hit.TimedOut);
        Assert.Equal("BlockedPatterns:0", hit.Rule.Id);
    }

    [Fact]
    public void Validate_ListsEveryBadRuleWithItsKeyAndTheRegexError()
    {
        var options = new ModerationOptions
        {
            BlockedWords = ["ok", " "],
            BlockedPatterns = [@"\bfine\b", "(unclosed", "a*"],
            RegexTimeout = TimeSpan.Zero,
            Channels = [new ChannelRule { ChannelId = 0 }, new ChannelRule { ChannelId = 5 }, new ChannelRule { ChannelId = 5, Templates = [""] }],
        };

        var problems = options.Validate();

        Assert.Contains(problems, p => p.StartsWith("ComfyBot:Moderation:RegexTimeout is 00:00:00; use a time between", StringComparison.Ordinal));
        Assert.Contains("ComfyBot:Moderation:BlockedWords:1 is empty; give a word or phrase to refuse, or remove the entry.", problems);
        Assert.Contains(problems, p => p.StartsWith("ComfyBot:Moderation:BlockedPatterns:1 is '(unclosed', which is not a regular expression: Invalid pattern '(unclosed' at offset 9. Not enough )'s.", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ComfyBot:Moderation:BlockedPatterns:2 is 'a*', which matches an empty prompt", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ComfyBot:Moderation:Channels:0:ChannelId is missing;", StringComparison.Ordinal));
        Assert.Contains("ComfyBot:Moderation:Channels:2:ChannelId 5 has more than one rule; merge them into one.", problems);
        Assert.Contains("ComfyBot:Moderation:Channels:2:Templates:0 is empty; give a template's name or remove the entry.", problems);
        Assert.Equal(7, problems.Count);
    }

    [Fact]
    public async Task AddedRules_AreKeptInTheStore_AndRemovedByTheirId()
    {
        using (var store = await _folder.OpenAsync())
        {
            var filter = new PromptFilter(new ModerationOptions { BlockedWords = ["gore"] }, store.Tables().PromptFilters);
            var (word, _, _) = await filter.AddAsync(PromptFilterKind.Word, " lighthouse ", addedBy: 9);
            var (pattern, _, _) = await filter.AddAsync(PromptFilterKind.Pattern, @"sea\w+", addedBy: 9);
            var (_, problem, _) = await filter.AddAsync(PromptFilterKind.Pattern, "[z-a]", addedBy: 9);
            var (_, _, existing) = await filter.AddAsync(PromptFilterKind.Word, "LIGHTHOUSE", addedBy: 9);

            Assert.Equal("f1", word!.Id);
            Assert.Equal("lighthouse", word.Text);
            Assert.Equal("f2", pattern!.Id);
            Assert.StartsWith("is '[z-a]', which is not a regular expression:", problem, StringComparison.Ordinal);
            Assert.Equal(word, existing);
            Assert.Equal("f1", filter.Match("A lighthouse")?.Rule.Id);
        }

        using (var reopened = await _folder.OpenAsync())
        {
            var filter = new PromptFilter(new ModerationOptions(), reopened.Tables().PromptFilters);
            await filter.LoadAsync();

            Assert.Equal(["f1", "f2"], filter.Rules.Select(r => r.Id));
            Assert.Equal("f2", filter.Match("seascape")?.Rule.Id);
            Assert.Equal(9UL, filter.Rules[0].AddedBy);
            Assert.Equal(_folder.Time.GetUtcNow(), filter.Rules[0].AddedAt);

            Assert.Equal("f2", (await filter.RemoveAsync("F2"))?.Id);
            Assert.Null(await filter.RemoveAsync("f2"));
            Assert.Null(filter.Match("seascape"));
            Assert.Equal(["f1"], (await reopened.Tables().PromptFilters.ListPromptFiltersAsync()).Select(r => r.Id));
        }
    }

    [Fact]
    public async Task AuditPages_AreNewestFirst()
    {
        using var store = await _folder.OpenAsync();
        for (var i = 1; i <= 12; i++)
        {
            await store.Tables().Audit.AddAuditAsync(9, "pause", null, $"n{i}");
        }

        Assert.Equal(12, await store.Tables().Audit.CountAuditAsync());
        Assert.Equal(["n12", "n11", "n10"], (await store.Tables().Audit.ListAuditPageAsync(0, 3)).Select(r => r.Detail));
        Assert.Equal(["n2", "n1"], (await store.Tables().Audit.ListAuditPageAsync(10, 10)).Select(r => r.Detail));
    }

    public void Dispose() => _folder.Dispose();
}

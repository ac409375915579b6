using ComfyBot.Core.Moderation;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Tests.Commands;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// Issue 13, moderation: the prompt filter from the configuration and from /comfy-admin filter, on /imagine and on a
/// Re-roll, refused ephemerally without naming the rule, each refusal in the audit trail.
/// </summary>
public sealed class PromptFilterTests
{
    [Fact]
    public async Task Filter_RefusesConfiguredAndAddedRules_OnImagineAndReroll_WithoutNamingThem_AndAuditsEachHit()
    {
        await using var bed = await ModerationSteps.StartAsync(o => o.Configuration["ComfyBot:Moderation:BlockedWords:0"] = "gore");
        var done = await bed.WaitForDoneAsync(ModerationSteps.Imagine(bed, "a lighthouse at dusk", CommandSteps.Alice));
        Assert.StartsWith("✅", done.Current.Content, StringComparison.Ordinal);

        // A configured word, in the prompt and in the negative prompt.
        var inPrompt = await bed.WaitForAnswerAsync(ModerationSteps.Imagine(bed, "a GORE scene", CommandSteps.Alice));
        var inNegative = await bed.WaitForAnswerAsync(ModerationSteps.Imagine(bed, "a calm sea", CommandSteps.Bob, SlashCommandOption.Text("negative", "blood and gore")));
        foreach (var refused in new[] { inPrompt, inNegative })
        {
            Assert.True(refused.IsEphemeral);
            Assert.Equal(ModerationGate.BlockedMessage, refused.Content);
        }

        // A word that merely contains it is not refused.
        Assert.StartsWith("✅", (await bed.WaitForDoneAsync(ModerationSteps.Imagine(bed, "gorey details", CommandSteps.Carol))).Current.Content, StringComparison.Ordinal);

        // An admin adds a pattern; the Re-roll of the earlier job now breaks it and is refused before anything is queued.
        var added = await ModerationSteps.FilterAsync(bed, CommandSteps.Admin, "add", SlashCommandOption.Text("rule", @"light\w+"), SlashCommandOption.Boolean("regex", true));
        Assert.True(added.IsEphemeral);
        Assert.StartsWith(@"Added rule **f1**: prompts matching the pattern `light\w+` (any case) are refused from now on", added.Content, StringComparison.Ordinal);
        var queuedBefore = bed.Runtime.Jobs.ListQueue().Count;
        var reroll = bed.Click(done, BotBed.Button(done, "reroll"), CommandSteps.Alice);
        var rerolled = await bed.WaitForAnswerAsync(reroll);
        Assert.Equal(4, reroll.Callback!.Type);
        Assert.True(rerolled.IsEphemeral);
        Assert.Equal(ModerationGate.BlockedMessage, rerolled.Content);
        Assert.Equal(queuedBefore, bed.Runtime.Jobs.ListQueue().Count);

        // Members never read a rule's id or text; admins read every hit in the audit trail, newest first.
        var audit = ModerationSteps.Lines(await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "audit"));
        Assert.StartsWith("**Audit trail** · 4 entries, newest first · page 1/1", audit[0], StringComparison.Ordinal);
        Assert.EndsWith($"🚫 prompt refused · <@{CommandSteps.Alice.User!.Id}> in <#{ModerationSteps.General}> · rule f1", audit[1], StringComparison.Ordinal);
        Assert.EndsWith($"<@{CommandSteps.AdminId}> **filter add** f1 · pattern: light\\\\w+", audit[2], StringComparison.Ordinal);
        Assert.EndsWith($"🚫 prompt refused · <@{CommandSteps.Bob.User!.Id}> in <#{ModerationSteps.General}> · rule BlockedWords:0", audit[3], StringComparison.Ordinal);
        Assert.EndsWith($"🚫 prompt refused · <@{CommandSteps.Alice.User!.Id}> in <#{ModerationSteps.General}> · rule BlockedWords:0", audit[4], StringComparison.Ordinal);

        var list = ModerationSteps.Lines(await ModerationSteps.FilterAsync(bed, CommandSteps.Admin, "list"));
        Assert.Equal("**BlockedWords:0** · word `gore` · configuration (ComfyBot:Moderation:BlockedWords:0)", list[1]);
        Assert.StartsWith($"**f1** · pattern `light\\w+` · added by <@{CommandSteps.AdminId}> on ", list[2], StringComparison.Ordinal);

        // A configured rule is removed in the configuration; an added one by its id, and the prompt is accepted again.
        var configured = await ModerationSteps.FilterAsync(bed, CommandSteps.Admin, "remove", SlashCommandOption.Text("rule", "BlockedWords:0"));
        Assert.Equal("Rule **BlockedWords:0** comes from the configuration: remove ComfyBot:Moderation:BlockedWords:0 there and restart the bot.", configured.Content);
        var removed = await ModerationSteps.FilterAsync(bed, CommandSteps.Admin, "remove", SlashCommandOption.Text("rule", "f1"));
        Assert.StartsWith(@"Removed rule **f1** (pattern `light\w+`)", removed.Content, StringComparison.Ordinal);
        Assert.StartsWith("✅", (await bed.WaitForDoneAsync(ModerationSteps.Imagine(bed, "a lighthouse again", CommandSteps.Alice))).Current.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Filter_RefusesAVaryWhosePromptBreaksARuleAddedSince_AfterItsDeferral()
    {
        // Vary defers before it fetches the image, so the refusal comes from the job service's own check.
        await using var bed = await ModerationSteps.StartAsync();
        var done = await bed.WaitForDoneAsync(ModerationSteps.Imagine(bed, "a lighthouse at dusk", CommandSteps.Alice));
        await ModerationSteps.FilterAsync(bed, CommandSteps.Admin, "add", SlashCommandOption.Text("rule", "LIGHTHOUSE"));

        var vary = bed.Click(done, BotBed.Button(done, "vary"), CommandSteps.Alice);
        var answer = await bed.WaitForAnswerAsync(vary);

        Assert.True(answer.IsEphemeral);
        Assert.Equal(ModerationGate.BlockedMessage, answer.Content);
        Assert.Empty(bed.Runtime.Jobs.ListQueue());
        var audit = await bed.Runtime.Tables.Audit.ListAuditAsync();
        Assert.Equal([ModerationGate.FilterHitAction, "filter add"], audit.Select(a => a.Action));
        Assert.Equal("f1", audit[0].Detail);
        Assert.Equal(CommandSteps.Alice.User!.Id, audit[0].ActorId);
    }

    [Fact]
    public async Task FilterCommands_BadPatternIsExplained_AndNonAdminsGetNeitherTheCommandNorTheRules()
    {
        await using var bed = await ModerationSteps.StartAsync();
        var bad = await ModerationSteps.FilterAsync(bed, CommandSteps.Admin, "add", SlashCommandOption.Text("rule", "(unclosed"), SlashCommandOption.Boolean("regex", true));
        Assert.StartsWith("Nothing was added: the pattern is '(unclosed', which is not a regular expression: Invalid pattern '(unclosed' at offset 9. Not enough )'s.", bad.Content, StringComparison.Ordinal);
        await ModerationSteps.FilterAsync(bed, CommandSteps.Admin, "add", SlashCommandOption.Text("rule", "secret word"));

        var refused = await ModerationSteps.FilterAsync(bed, CommandSteps.Bob, "list");
        Assert.StartsWith("Only ComfyBot admins can use /comfy-admin filter list:", refused.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", refused.Content, StringComparison.Ordinal);

        var forBob = await CommandSteps.SuggestAsync(bed, "comfy-admin", CommandSteps.Bob,
            SlashCommandOption.Group("filter", SlashCommandOption.SubCommand("remove", SlashCommandOption.Text("rule", string.Empty) with { Focused = true })));
        var forAdmin = await CommandSteps.SuggestAsync(bed, "comfy-admin", CommandSteps.Admin,
            SlashCommandOption.Group("filter", SlashCommandOption.SubCommand("remove", SlashCommandOption.Text("rule", "sec") with { Focused = true })));
        Assert.Empty(forBob);
        Assert.Equal(["f1"], forAdmin);
    }
}

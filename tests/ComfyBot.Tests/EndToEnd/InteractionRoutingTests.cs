using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>The router: autocomplete from the catalog, and policy refusals after the deferral told to the member alone.</summary>
public sealed class InteractionRoutingTests
{
    [Fact]
    public async Task WorkflowAutocomplete_SuggestsMatchingTemplatesWithDescriptions()
    {
        await using var bed = await BotBed.StartAsync();

        var interaction = bed.Fake.CreateAutocomplete("imagine", [SlashCommandOption.Text("prompt", "x"), SlashCommandOption.Text("workflow", "img") with { Focused = true }]);
        var callback = await interaction.WaitForCallbackAsync().WaitAsync(BotBed.HangGuard);

        Assert.Equal(8, callback.Type);
        var choices = callback.Data!.Value.GetProperty("choices");
        // Names starting with what was typed come first, then names containing it; "fail" matches neither.
        Assert.Equal(["img2img", "txt2img"], choices.EnumerateArray().Select(c => c.GetProperty("value").GetString()));
        Assert.Equal("img2img — redraws an attached image", choices[0].GetProperty("name").GetString());
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_ByBannedMember_DeletesTheThinkingReplyAndTellsThemAlone()
    {
        await using var bed = await BotBed.StartAsync();
        await bed.Runtime.Bans.BanAsync(1_300_000_000_000_000_030, 1, "spam", default);

        var interaction = bed.Imagine("let me in");
        await bed.Fake.WaitForAsync(_ => interaction.Followups.Count > 0).WaitAsync(BotBed.HangGuard);

        Assert.Equal(5, (await interaction.WaitForCallbackAsync()).Type);
        Assert.True(interaction.OriginalMessage!.IsDeleted);
        var followup = Assert.Single(interaction.Followups).Current;
        Assert.True(followup.IsEphemeral);
        Assert.Contains("banned", followup.Content, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(bed.Runtime.Jobs.ListQueue());
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_SeedBeyond53Bits_IsRefusedWithTheRange()
    {
        await using var bed = await BotBed.StartAsync();

        var interaction = bed.Imagine("too big", null, SlashCommandOption.WholeNumber("seed", 1L << 53));
        var answer = await bed.WaitForAnswerAsync(interaction);

        Assert.True(answer.IsEphemeral);
        Assert.Equal($"seed must be between 0 and {(1L << 53) - 1} (2^53−1); you gave {1L << 53}. Leave it out for a random seed.", answer.Content);
        Assert.Empty(bed.Runtime.Jobs.ListQueue());
        bed.Fake.AssertNoContractViolations();
    }
}

using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue test 13: another member's click on a job's buttons is refused, ephemerally, and changes nothing.</summary>
public sealed class ForeignButtonTests
{
    [Fact]
    public async Task Buttons_PressedBySomeoneElse_AreRefusedEphemerallyAndChangeNothing()
    {
        await using var bed = await BotBed.StartAsync();
        var interaction = bed.Imagine("mine", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));
        var reply = await bed.WaitForDoneAsync(interaction);
        var versions = reply.History.Count;
        var bob = BotBed.Member(1_300_000_000_000_000_102, "bob");

        var details = bed.Click(reply, BotBed.Button(reply, "details"), bob);
        var answer = await bed.WaitForAnswerAsync(details);

        Assert.True(answer.IsEphemeral);
        Assert.StartsWith("Not yours", answer.Content, StringComparison.Ordinal);
        Assert.Contains("Alice", answer.Content, StringComparison.Ordinal);
        var reroll = bed.Click(reply, BotBed.Button(reply, "reroll"), bob);
        var refused = await bed.WaitForAnswerAsync(reroll);
        Assert.True(refused.IsEphemeral);
        Assert.StartsWith("Not yours", refused.Content, StringComparison.Ordinal);

        Assert.Equal(versions, reply.History.Count);
        Assert.Empty(bed.Runtime.Jobs.ListQueue());
        Assert.Equal(4, (await reroll.WaitForCallbackAsync()).Type);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task DetailsButton_PressedByOwner_ShowsEveryParameterAndTheSeedEphemerally()
    {
        await using var bed = await BotBed.StartAsync();
        var interaction = bed.Imagine("a <@1300000000000000102> lighthouse", null, SlashCommandOption.WholeNumber("seed", 7), SlashCommandOption.WholeNumber("steps", 3), SlashCommandOption.WholeNumber("batch", 1));
        var reply = await bed.WaitForDoneAsync(interaction);

        var details = bed.Click(reply, BotBed.Button(reply, "details"));
        var answer = await bed.WaitForAnswerAsync(details);

        Assert.True(answer.IsEphemeral);
        // Escaped, so that Discord shows the prompt as typed (the mention as text, not as a chip).
        Assert.Contains("prompt: a \\<@1300000000000000102\\> lighthouse", answer.Content, StringComparison.Ordinal);
        Assert.Contains("steps: 3", answer.Content, StringComparison.Ordinal);
        Assert.Contains("seed: 7", answer.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }
}

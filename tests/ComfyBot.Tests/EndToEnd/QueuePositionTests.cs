using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue test 4: the queued position counts what is ahead on ComfyUI's own queue (the owner's web-UI jobs too).</summary>
public sealed class QueuePositionTests
{
    [Fact]
    public async Task Imagine_BehindForeignPrompt_QueuedStateCountsIt()
    {
        await using var bed = await BotBed.StartAsync(new BotBedOptions { MaxInFlight = 1 });
        bed.Simulator.HoldSampling(afterSteps: 1);
        bed.Simulator.EnqueueForeignPrompt(steps: 3);

        // Our job goes to ComfyUI at once (the bot's slot is free) and waits there behind the stranger's prompt.
        var interaction = bed.Imagine("behind a stranger", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("ahead", StringComparison.Ordinal));
        bed.Simulator.ReleaseSampling();
        var reply = await bed.WaitForDoneAsync(interaction);

        var queued = reply.History.First(s => s.Content.Contains("ahead", StringComparison.Ordinal));
        Assert.Contains("(1 ahead)", queued.Content, StringComparison.Ordinal);
        Assert.StartsWith("✅", reply.Current.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }
}

using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue test 5: the Cancel button, on a waiting job and on a running one; the reply names who cancelled.</summary>
public sealed class CancelTests
{
    [Fact]
    public async Task CancelButton_WhileQueuedAndWhileRunning_EndsBothCancelledByTheMember()
    {
        await using var bed = await BotBed.StartAsync(new BotBedOptions { MaxInFlight = 1 });
        bed.Simulator.HoldSampling(afterSteps: 1);
        var running = bed.Imagine("first", null, SlashCommandOption.WholeNumber("steps", 4), SlashCommandOption.WholeNumber("batch", 1));
        var runningReply = await bed.WaitForOriginalAsync(running, s => s.Content.StartsWith("🎨", StringComparison.Ordinal));
        var queued = bed.Imagine("second", null, SlashCommandOption.WholeNumber("steps", 4), SlashCommandOption.WholeNumber("batch", 1));
        var queuedReply = await bed.WaitForOriginalAsync(queued, s => s.Content.StartsWith('⏳') && s.CustomIds.Count > 0);

        var click = bed.Click(queuedReply, BotBed.Button(queuedReply, "cancel"));
        Assert.Equal(6, (await click.WaitForCallbackAsync().WaitAsync(BotBed.HangGuard)).Type);
        await bed.WaitForDoneAsync(queued);
        Assert.Equal("🚫 Cancelled by Alice.", queuedReply.Current.Content);

        bed.Click(runningReply, BotBed.Button(runningReply, "cancel"));
        await bed.WaitForDoneAsync(running);
        Assert.StartsWith("🚫 Cancelled by Alice", runningReply.Current.Content, StringComparison.Ordinal);
        Assert.Empty(runningReply.Current.Attachments);
        Assert.DoesNotContain(queuedReply.History, s => s.Content.StartsWith("🎨", StringComparison.Ordinal));
        bed.Fake.AssertNoContractViolations();
    }
}

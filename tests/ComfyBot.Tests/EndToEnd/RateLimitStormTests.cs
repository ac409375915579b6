using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue test 11: a storm of 429s on the reply's edits; the bot waits them out and the final state still arrives, once.</summary>
public sealed class RateLimitStormTests
{
    private const string EditOriginal = "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original";

    [Fact]
    public async Task ReplyEdits_UnderA429Storm_FinalStateIsDeliveredOnceWithoutUnplanned429s()
    {
        // Real windows, only shorter than Discord's 5 s, so that a storm of ten 429s passes in seconds; the client
        // must still obey every header, or FakeDiscord answers with unplanned 429s.
        await using var bed = await BotBed.StartAsync(new BotBedOptions
        {
            StepsPerSecond = 20,
            ConfigureDiscord = o => o.RateLimits.MessageWindow = TimeSpan.FromMilliseconds(500),
        });
        bed.Fake.ScriptRateLimit(EditOriginal, times: 10, retryAfter: TimeSpan.FromMilliseconds(200));

        var interaction = bed.Imagine("through the storm", null, SlashCommandOption.WholeNumber("steps", 8), SlashCommandOption.WholeNumber("batch", 1));
        var reply = await bed.WaitForDoneAsync(interaction);

        Assert.StartsWith("✅ Done", reply.Current.Content, StringComparison.Ordinal);
        Assert.Single(reply.Current.Attachments);
        Assert.Single(reply.History, s => BotBed.IsFinal(s.Content));
        var counters = bed.Fake.Counters;
        Assert.Equal(10, counters.ScriptedRateLimited);
        Assert.Equal(0, counters.UnplannedRateLimited);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task FinalReply_WhileDiscordFailsOnItsSide_IsDeliveredWhenItRecovers()
    {
        var options = new BotBedOptions();
        options.Configuration["ComfyBot:Discord:Rest:MaxServerErrorRetries"] = "0";
        options.Configuration["ComfyBot:Jobs:Reply:FinalRetryDelay"] = "00:00:00.01";
        await using var bed = await BotBed.StartAsync(options);
        bed.Simulator.HoldSampling(afterSteps: 1);
        var interaction = bed.Imagine("outlasts an outage", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("step 1/2", StringComparison.Ordinal));

        // More failures than the final reply's attempts (4), whatever share the last progress edits take: only
        // retrying through the outage gets it through.
        bed.Fake.ScriptServerError(EditOriginal, times: 8, status: 503);
        bed.Simulator.ReleaseSampling();
        var reply = await bed.WaitForDoneAsync(interaction);

        Assert.StartsWith("✅ Done: 1 image", reply.Current.Content, StringComparison.Ordinal);
        Assert.Single(reply.History, s => BotBed.IsFinal(s.Content));
        Assert.Equal(8, bed.Fake.Counters.ScriptedServerErrors);
        bed.Fake.AssertNoContractViolations();
    }
}

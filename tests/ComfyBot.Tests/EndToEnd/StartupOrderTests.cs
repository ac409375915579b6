using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue 15: what READY does not need does not hold it back.</summary>
public sealed class StartupOrderTests
{
    [Fact]
    public async Task ARegistrationThatWaitsOutARateLimit_DoesNotHoldTheGatewayBack()
    {
        // Discord makes the command registration wait ten minutes; the bot still joins the gateway and serves.
        var options = new BotBedOptions
        {
            PrepareDiscord = fake => fake.ScriptRateLimit("GET /applications/{application_id}/commands", retryAfter: TimeSpan.FromMinutes(10)),
        };

        // Before, the host's start waited for the registration, and this start ran into its hang guard.
        await using var bed = await BotBed.StartAsync(options);
        var reply = await bed.WaitForDoneAsync(bed.Imagine("a lighthouse", null, SlashCommandOption.WholeNumber("batch", 1)));

        Assert.StartsWith("✅ Done", reply.Current.Content, StringComparison.Ordinal);
        Assert.Empty(bed.Fake.GetCommands());
    }
}

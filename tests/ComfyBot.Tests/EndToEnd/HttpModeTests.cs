using System.Net;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Http mode: the same bot behind the signed interactions endpoint instead of the gateway.</summary>
public sealed class HttpModeTests
{
    [Fact]
    public async Task Imagine_PostedToTheEndpoint_IsAcceptedAndRunsToTheFinalReply()
    {
        await using var bed = await BotBed.StartAsync(new BotBedOptions { HttpMode = true });
        var interaction = bed.Imagine("over http", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));

        using var response = await bed.PostAsync(interaction);
        var reply = await bed.WaitForDoneAsync(interaction);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, bed.Fake.Gateway.IdentifyCount);
        Assert.StartsWith("✅ Done: 1 image", reply.Current.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }
}

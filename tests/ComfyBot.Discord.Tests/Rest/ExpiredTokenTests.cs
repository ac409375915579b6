using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Responses;
using ComfyBot.Discord.Rest;
using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Discord.Tests.Rest;

public sealed class ExpiredTokenTests
{

    [Theory]
    [InlineData(401, 50027)]
    [InlineData(404, 10015)]
    [InlineData(404, 10062)]
    public async Task EditOriginal_WithAnExpiredToken_IsReportedAtOnce(int status, int code)
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(status, $$"""{"message":"Invalid Webhook Token","code":{{code}}}""");

        var error = await Assert.ThrowsAsync<DiscordRestException>(
            () => bed.Client.EditOriginalResponseAsync(new Snowflake(7), RestTestBed.InteractionToken, MessageBody.FromContent("99%"), default).WaitAsync(HangGuard));

        Assert.True(error.IsExpiredInteractionToken);
        Assert.Single(bed.Handler.Requests);
        Assert.DoesNotContain(RestTestBed.InteractionToken, error.Message, StringComparison.Ordinal);
        Assert.Contains("PATCH /webhooks/{application_id}/{token}/messages/@original", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LateCallback_UnknownInteraction_IsExpired()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(404, """{"message":"Unknown interaction","code":10062}""");

        var error = await Assert.ThrowsAsync<DiscordRestException>(
            () => bed.Client.CreateInteractionResponseAsync(new Snowflake(7), RestTestBed.InteractionToken, InteractionCallback.Defer(true), false, default).WaitAsync(HangGuard));

        Assert.True(error.IsExpiredInteractionToken);
    }

    [Theory]
    [InlineData(404, 10008)]
    [InlineData(403, 50013)]
    [InlineData(400, 50035)]
    public async Task OtherErrors_AreNotExpiredTokens(int status, int code)
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(status, $$"""{"message":"x","code":{{code}}}""");

        var error = await Assert.ThrowsAsync<DiscordRestException>(
            () => bed.Client.EditOriginalResponseAsync(new Snowflake(7), RestTestBed.InteractionToken, MessageBody.FromContent("x"), default).WaitAsync(HangGuard));

        Assert.False(error.IsExpiredInteractionToken);
    }
}

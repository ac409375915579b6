using System.Net;
using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Rest;
using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;

namespace ComfyBot.Discord.Tests.Rest;

public sealed class ErrorTests
{
    private const string InvalidFormBody = """
        {"code":50035,"message":"Invalid Form Body","errors":{
          "data":{"components":{"0":{"components":{"1":{"custom_id":{"_errors":[
            {"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 100 or fewer in length."}]}}}}}},
          "content":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 2000 or fewer in length."}]}}}
        """;

    [Fact]
    public async Task InvalidFormBody_IsFlattenedIntoFieldErrors()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(400, InvalidFormBody);

        var error = await Assert.ThrowsAsync<DiscordRestException>(
            () => bed.Client.CreateMessageAsync(new Snowflake(5), MessageBody.FromContent("x"), default));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(DiscordErrorCode.InvalidFormBody, error.Code);
        Assert.Equal("Invalid Form Body", error.DiscordMessage);
        Assert.Equal(
            [
                new DiscordFieldError("data.components[0].components[1].custom_id", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length."),
                new DiscordFieldError("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length."),
            ],
            error.FieldErrors);
        Assert.Contains("data.components[0].components[1].custom_id: Must be 100 or fewer in length.", error.Message, StringComparison.Ordinal);
        Assert.Contains("POST /channels/{channel_id}/messages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonJsonErrorBody_StillGivesAStatus()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(403, "<html>blocked</html>");

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => bed.Client.GetCurrentUserAsync(default));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Null(error.Code);
        Assert.Empty(error.FieldErrors);
    }
}

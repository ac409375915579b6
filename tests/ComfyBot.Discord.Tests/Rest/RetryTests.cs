using System.Net;
using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Rest;
using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Discord.Tests.Rest;

public sealed class RetryTests
{

    [Fact]
    public async Task ServerErrors_AreRetried()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(() => Respond(502));
        bed.Handler.Enqueue(() => Respond(503, """{"message":"busy","code":0}"""));
        bed.Handler.Enqueue(() => Respond(200, Canned.User));

        var user = await bed.Client.GetCurrentUserAsync(default).WaitAsync(HangGuard);

        Assert.Equal(new Snowflake(80351110224678912), user.Id);
        Assert.Equal(3, bed.Handler.Requests.Count);
    }

    [Fact]
    public async Task NetworkErrors_AreRetried()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(_ => Task.FromException<HttpResponseMessage>(new HttpRequestException("connection reset")));
        bed.Handler.Enqueue(() => Respond(200, Canned.User));

        await bed.Client.GetCurrentUserAsync(default).WaitAsync(HangGuard);

        Assert.Equal(2, bed.Handler.Requests.Count);
    }

    [Fact]
    public async Task ServerErrors_AfterTheLastRetry_AreThrownTyped()
    {
        using var bed = new RestTestBed(o => o.MaxServerErrorRetries = 2);
        bed.Handler.Fallback = _ => Respond(500, """{"message":"500: Internal Server Error","code":0}""");

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => bed.Client.GetCurrentUserAsync(default).WaitAsync(HangGuard));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(3, bed.Handler.Requests.Count);
    }

    [Fact]
    public async Task ServerErrorBackoff_UsesTheTimeProvider()
    {
        using var bed = new RestTestBed(o => o.ServerErrorBaseDelay = TimeSpan.FromSeconds(2));
        bed.Handler.Enqueue(() => Respond(500));
        bed.Handler.Enqueue(() => Respond(200, Canned.User));

        var call = bed.Client.GetCurrentUserAsync(default);
        var backoff = await bed.Time.NextTimerAsync();

        Assert.InRange(backoff, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10));
        Assert.Single(bed.Handler.Requests);
        bed.Time.Advance(backoff);
        await call.WaitAsync(HangGuard);
        Assert.Equal(2, bed.Handler.Requests.Count);
    }

    [Theory]
    [InlineData(400, 50035)]
    [InlineData(401, 0)]
    [InlineData(403, 50013)]
    [InlineData(404, 10008)]
    [InlineData(405, 0)]
    public async Task ClientErrors_AreNeverRetried(int status, int code)
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(status, $$"""{"message":"no","code":{{code}}}""");

        var error = await Assert.ThrowsAsync<DiscordRestException>(
            () => bed.Client.EditMessageAsync(new Snowflake(1), new Snowflake(2), MessageBody.FromContent("x"), default).WaitAsync(HangGuard));

        Assert.Equal(status, (int)error.StatusCode);
        Assert.Equal(code, error.Code);
        Assert.Single(bed.Handler.Requests);
    }

    [Fact]
    public async Task PostAfterAPossiblySentRequest_IsNotRepeated()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(_ => Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ResponseEnded, "response ended")));
        bed.Handler.Fallback = _ => Respond(200, Canned.Message());

        await Assert.ThrowsAsync<HttpRequestException>(
            () => bed.Client.CreateFollowupAsync(new Snowflake(1), RestTestBed.InteractionToken, MessageBody.FromContent("once"), default).WaitAsync(HangGuard));

        Assert.Single(bed.Handler.Requests);
    }

    [Fact]
    public async Task PostThatNeverConnected_IsRepeated()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(_ => Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "refused")));
        bed.Handler.Fallback = _ => Respond(200, Canned.Message());

        await bed.Client.CreateMessageAsync(new Snowflake(1), MessageBody.FromContent("once"), default).WaitAsync(HangGuard);

        Assert.Equal(2, bed.Handler.Requests.Count);
    }

    [Fact]
    public async Task PatchAfterAPossiblySentRequest_IsRepeated()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(_ => Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ResponseEnded, "response ended")));
        bed.Handler.Fallback = _ => Respond(200, Canned.Message());

        await bed.Client.EditOriginalResponseAsync(new Snowflake(1), RestTestBed.InteractionToken, MessageBody.FromContent("50%"), default).WaitAsync(HangGuard);

        Assert.Equal(2, bed.Handler.Requests.Count);
    }
}

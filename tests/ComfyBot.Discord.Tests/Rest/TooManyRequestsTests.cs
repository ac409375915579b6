using ComfyBot.Discord.Responses;
using ComfyBot.Discord.Rest;
using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Discord.Tests.Rest;

public sealed class TooManyRequestsTests
{

    [Fact]
    public async Task UserScope429_WaitsRetryAfterFromBody_ThenRetries()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(() => Respond(429, Canned.RateLimited(1.5, global: false),
            [.. Bucket("users-me", 5, 0, 1.5), ("X-RateLimit-Scope", "user"), ("Retry-After", "2")]));
        bed.Handler.Enqueue(() => Respond(200, Canned.User, Bucket("users-me", 5, 4, 5)));

        var call = bed.Client.GetCurrentUserAsync(default);

        Assert.Equal(TimeSpan.FromSeconds(1.5), await bed.Time.NextTimerAsync());
        Assert.Single(bed.Handler.Requests);
        bed.Time.Advance(TimeSpan.FromSeconds(1.5));
        var user = await call.WaitAsync(HangGuard);
        Assert.Equal("comfybot", user.Username);
        Assert.Equal(2, bed.Handler.Requests.Count);
        Assert.Equal(1, bed.Client.InvalidRequestCount);
    }

    [Fact]
    public async Task GlobalScope429_PausesEveryRoute_IncludingInteractionRoutes()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = r => r.Method == HttpMethod.Post ? Respond(204) : Respond(200, Canned.User);
        await bed.Client.GetCurrentUserAsync(default).WaitAsync(HangGuard);
        bed.Handler.Enqueue(() => Respond(429, Canned.RateLimited(3, global: true), ("X-RateLimit-Global", "true"), ("X-RateLimit-Scope", "global")));

        var limited = bed.Client.GetCurrentUserAsync(default);
        Assert.Equal(TimeSpan.FromSeconds(3), await bed.Time.NextTimerAsync());
        var otherRoute = bed.Client.GetGatewayBotAsync(default);
        var callback = bed.Client.CreateInteractionResponseAsync(new Snowflake(9), RestTestBed.InteractionToken, InteractionCallback.Defer(), false, default);

        Assert.Equal(2, bed.Handler.Requests.Count);
        Assert.False(otherRoute.IsCompleted);
        Assert.False(callback.IsCompleted);
        bed.Handler.Fallback = r => r.Method == HttpMethod.Post ? Respond(204)
            : r.PathAndQuery.EndsWith("gateway/bot", StringComparison.Ordinal)
                ? Respond(200, """{"url":"wss://gateway.discord.gg","shards":1,"session_start_limit":{"total":1000,"remaining":999,"reset_after":1,"max_concurrency":1}}""")
                : Respond(200, Canned.User);
        bed.Time.Advance(TimeSpan.FromSeconds(3));
        await Task.WhenAll(limited, otherRoute, callback).WaitAsync(HangGuard);
        Assert.Equal(5, bed.Handler.Requests.Count);
    }

    [Fact]
    public async Task RetryAfterHeader_IsUsedWhenTheBodyHasNone()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(() => Respond(429, "<html>cloudflare</html>", ("Retry-After", "4")));
        bed.Handler.Enqueue(() => Respond(200, Canned.User));

        var call = bed.Client.GetCurrentUserAsync(default);

        Assert.Equal(TimeSpan.FromSeconds(4), await bed.Time.NextTimerAsync());
        bed.Time.Advance(TimeSpan.FromSeconds(4));
        await call.WaitAsync(HangGuard);
    }

    [Fact]
    public async Task SharedScope429_DoesNotCountAsInvalid()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(() => Respond(429, Canned.RateLimited(0.5, global: false), ("X-RateLimit-Scope", "shared")));
        bed.Handler.Enqueue(() => Respond(200, Canned.User));

        var call = bed.Client.GetCurrentUserAsync(default);
        bed.Time.Advance(await bed.Time.NextTimerAsync());
        await call.WaitAsync(HangGuard);

        Assert.Equal(0, bed.Client.InvalidRequestCount);
    }

    [Fact]
    public async Task Persistent429_IsThrownAfterTheAllowedRetries()
    {
        using var bed = new RestTestBed(o => o.MaxRateLimitRetries = 2);
        bed.Handler.Fallback = _ => Respond(429, Canned.RateLimited(1, global: false), ("X-RateLimit-Scope", "user"));

        var call = bed.Client.GetCurrentUserAsync(default);
        for (var i = 0; i < 2; i++)
        {
            bed.Time.Advance(await bed.Time.NextTimerAsync());
        }

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => call.WaitAsync(HangGuard));
        Assert.True(error.IsRateLimited);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Equal(3, bed.Handler.Requests.Count);
    }
}

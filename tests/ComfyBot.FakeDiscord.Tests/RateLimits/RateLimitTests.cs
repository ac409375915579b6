using System.Globalization;
using System.Net;
using ComfyBot.FakeDiscord.RateLimits;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.FakeDiscord.Tests.RateLimits;

public sealed class RateLimitTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ChannelMessages_CountDownTheBucket_ThenARealUserScoped429_ThenResetAfterTheWindow()
    {
        var time = new FakeTimeProvider(Start);
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = time });
        using var http = Discord.Http(fake);
        var channel = $"channels/{fake.Guilds[0].Channels[0].Id}/messages";

        for (var i = 0; i < 5; i++)
        {
            var ok = await http.PostAsync(channel, Discord.Json("""{"content":"hi"}"""));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("5", Discord.Header(ok, "X-RateLimit-Limit"));
            Assert.Equal((4 - i).ToString(CultureInfo.InvariantCulture), Discord.Header(ok, "X-RateLimit-Remaining"));
            Assert.Equal("5.000", Discord.Header(ok, "X-RateLimit-Reset-After"));
            Assert.Equal((Start.ToUnixTimeSeconds() + 5).ToString("0.000", CultureInfo.InvariantCulture), Discord.Header(ok, "X-RateLimit-Reset"));
            Assert.NotEmpty(Discord.Header(ok, "X-RateLimit-Bucket"));
        }

        time.Advance(TimeSpan.FromSeconds(2));
        var limited = await http.PostAsync(channel, Discord.Json("""{"content":"one too many"}"""));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("user", Discord.Header(limited, "X-RateLimit-Scope"));
        Assert.Equal("0", Discord.Header(limited, "X-RateLimit-Remaining"));
        var body = await Discord.BodyAsync(limited);
        Assert.Equal(3.0, body["retry_after"]!.GetValue<double>());
        Assert.False(body["global"]!.GetValue<bool>());
        Assert.Equal(1, fake.Counters.UnplannedRateLimited);
        Assert.Equal(0, fake.Counters.ScriptedRateLimited);

        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(channel, Discord.Json("""{"content":"after the reset"}"""))).StatusCode);
        Assert.Equal(6, fake.MessagesIn(fake.Guilds[0].Channels[0].Id).Count);
    }

    [Fact]
    public async Task WebhookEdits_HaveTheirOwnBucketPerToken()
    {
        var time = new FakeTimeProvider(Start);
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = time });
        using var http = Discord.Http(fake);
        var a = fake.CreateSlashCommand("imagine");
        var b = fake.CreateSlashCommand("imagine");
        await http.PostAsync(Discord.Callback(a), Discord.Json("""{"type":5}"""));
        await http.PostAsync(Discord.Callback(b), Discord.Json("""{"type":5}"""));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync(Discord.Original(fake, a), Discord.Json("""{"content":"tick"}"""))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.PatchAsync(Discord.Original(fake, a), Discord.Json("""{"content":"tick"}"""))).StatusCode);
        var other = await http.PatchAsync(Discord.Original(fake, b), Discord.Json("""{"content":"tick"}"""));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("4", Discord.Header(other, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task GlobalLimit_GivesAGlobal429_ButInteractionRoutesAreExempt()
    {
        var time = new FakeTimeProvider(Start);
        var options = new FakeDiscordOptions { TimeProvider = time, RateLimits = new RateLimitOptions { GlobalPerSecond = 2 } };
        await using var fake = await FakeDiscordServer.StartAsync(options);
        using var http = Discord.Http(fake);
        var interaction = fake.CreateSlashCommand("imagine");

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("users/@me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("gateway/bot")).StatusCode);
        var global = await http.GetAsync("users/@me");
        Assert.Equal(HttpStatusCode.TooManyRequests, global.StatusCode);
        Assert.Equal("global", Discord.Header(global, "X-RateLimit-Scope"));
        Assert.Equal("true", Discord.Header(global, "X-RateLimit-Global"));
        Assert.True((await Discord.BodyAsync(global))["global"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":5}"""))).StatusCode);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("users/@me")).StatusCode);
    }

    [Fact]
    public async Task Scripted429_CountsAsScripted_AndOnlyAnEarlyRetryIsUnplanned()
    {
        var time = new FakeTimeProvider(Start);
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = time });
        using var http = Discord.Http(fake);
        var interaction = fake.CreateSlashCommand("imagine");
        await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":5}"""));
        fake.ScriptRateLimit("PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original", times: 1, RateLimitScope.Shared, TimeSpan.FromSeconds(2));

        var scripted = await http.PatchAsync(Discord.Original(fake, interaction), Discord.Json("""{"content":"1"}"""));
        Assert.Equal(HttpStatusCode.TooManyRequests, scripted.StatusCode);
        Assert.Equal("shared", Discord.Header(scripted, "X-RateLimit-Scope"));
        Assert.Equal("2", Discord.Header(scripted, "Retry-After"));
        Assert.Equal(2.0, (await Discord.BodyAsync(scripted))["retry_after"]!.GetValue<double>());

        var early = await http.PatchAsync(Discord.Original(fake, interaction), Discord.Json("""{"content":"2"}"""));
        Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync(Discord.Original(fake, interaction), Discord.Json("""{"content":"3"}"""))).StatusCode);
        Assert.Equal((1, 1), (fake.Counters.ScriptedRateLimited, fake.Counters.UnplannedRateLimited));
        Assert.Equal(["", "3"], interaction.OriginalMessage!.History.Select(s => s.Content));
        Assert.Equal(["scripted-429", "rate-limited", "handled"], fake.Requests.Skip(1).Select(r => r.Outcome));
    }

    [Fact]
    public async Task ScriptedGlobal429_BlocksOtherRoutesToo()
    {
        var time = new FakeTimeProvider(Start);
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = time });
        using var http = Discord.Http(fake);
        fake.ScriptRateLimit("GET /users/@me", scope: RateLimitScope.Global);

        var scripted = await http.GetAsync("users/@me");
        Assert.Equal("true", Discord.Header(scripted, "X-RateLimit-Global"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.GetAsync("gateway/bot")).StatusCode);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("gateway/bot")).StatusCode);
    }

    [Fact]
    public async Task Scripted5xx_FailsNTimes_ThenTheRouteWorks()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        fake.ScriptServerError("GET /gateway/bot", times: 2, status: 502);

        Assert.Equal(HttpStatusCode.BadGateway, (await http.GetAsync("gateway/bot")).StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, (await http.GetAsync("gateway/bot")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("users/@me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("gateway/bot")).StatusCode);
        Assert.Equal(2, fake.Counters.ScriptedServerErrors);
    }

    [Fact]
    public async Task ScriptingAnUnknownOperation_SaysHowToWriteOne()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        var error = Assert.Throws<ArgumentException>(() => fake.ScriptRateLimit("PATCH /webhooks/{id}/@original"));
        Assert.Contains("{channel_id}", error.Message, StringComparison.Ordinal);
    }
}

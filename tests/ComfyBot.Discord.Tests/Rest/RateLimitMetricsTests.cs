using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Discord.Tests.Rest;

public sealed class RateLimitMetricsTests
{

    [Fact]
    public async Task UserScope429_CountsOneAnswerAndTheWaitBeforeTheRetry()
    {
        using var meters = new RecordingMeterFactory();
        using var bed = new RestTestBed(meters: meters);
        bed.Handler.Enqueue(() => Respond(429, Canned.RateLimited(1.5, global: false),
            [.. Bucket("users-me", 5, 0, 1.5), ("X-RateLimit-Scope", "user"), ("Retry-After", "2")]));
        bed.Handler.Enqueue(() => Respond(200, Canned.User, Bucket("users-me", 5, 4, 5)));

        var call = bed.Client.GetCurrentUserAsync(default);
        await bed.Time.NextTimerAsync();
        bed.Time.Advance(TimeSpan.FromSeconds(1.5));
        await call.WaitAsync(HangGuard);

        Assert.Equal(1, meters.Sum("discord.rest.rate_limited", "|scope=user"));
        Assert.Equal(1, meters.Sum("discord.rest.planned_waits", "|limit=bucket"));
        Assert.Equal(0, meters.Sum("discord.rest.planned_waits", "|limit=global"));
    }

    [Fact]
    public async Task RequestsWithinTheLimits_CountNothing()
    {
        using var meters = new RecordingMeterFactory();
        using var bed = new RestTestBed(meters: meters);
        bed.Handler.Fallback = _ => Respond(200, Canned.User, Bucket("users-me", 5, 4, 5));

        await bed.Client.GetCurrentUserAsync(default).WaitAsync(HangGuard);
        await bed.Client.GetCurrentUserAsync(default).WaitAsync(HangGuard);

        Assert.Equal(0, meters.Sum("discord.rest.rate_limited", "|scope=user"));
        Assert.Equal(0, meters.Sum("discord.rest.planned_waits", "|limit=bucket"));
    }

    [Fact]
    public async Task GlobalScope429_IsCountedAsGlobal()
    {
        using var meters = new RecordingMeterFactory();
        using var bed = new RestTestBed(meters: meters);
        bed.Handler.Enqueue(() => Respond(429, Canned.RateLimited(3, global: true), ("X-RateLimit-Global", "true"), ("X-RateLimit-Scope", "global")));
        bed.Handler.Fallback = _ => Respond(200, Canned.User);

        var call = bed.Client.GetCurrentUserAsync(default);
        await bed.Time.NextTimerAsync();
        bed.Time.Advance(TimeSpan.FromSeconds(3));
        await call.WaitAsync(HangGuard);

        Assert.Equal(1, meters.Sum("discord.rest.rate_limited", "|scope=global"));
        Assert.Equal(1, meters.Sum("discord.rest.planned_waits", "|limit=global"));
    }
}

using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Rest;
using ComfyBot.Discord.Rest.RateLimits;
using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;

namespace ComfyBot.Discord.Tests.Rest;

public sealed class SecretTests
{
    [Fact]
    public async Task RateLimitAndRetryLogs_NameTheRouteButNoToken()
    {
        var logger = new ListLogger<DiscordRestClient>();
        using var bed = new RestTestBed(logger: logger);
        bed.Handler.Enqueue(() => Respond(503));
        bed.Handler.Enqueue(() => Respond(429, Canned.RateLimited(1, global: false), ("X-RateLimit-Scope", "user")));
        bed.Handler.Fallback = _ => Respond(401, """{"message":"Invalid Webhook Token","code":50027}""");

        var call = bed.Client.EditOriginalResponseAsync(new Snowflake(1), RestTestBed.InteractionToken, MessageBody.FromContent("x"), default);
        bed.Time.Advance(await bed.Time.NextTimerAsync());
        var error = await Assert.ThrowsAsync<DiscordRestException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(error.IsExpiredInteractionToken);
        Assert.Contains(logger.Entries, e => e.Message.Contains("PATCH /webhooks/{application_id}/{token}/messages/@original", StringComparison.Ordinal));
        Assert.Equal(2, logger.Entries.Count);
        Assert.All(logger.Entries, e => Assert.DoesNotContain(RestTestBed.InteractionToken, e.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(RestTestBed.InteractionToken, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WebhookMajorParameter_CarriesADigestNotTheToken()
    {
        var major = MajorParameter.Webhook(new Snowflake(1), RestTestBed.InteractionToken);

        Assert.DoesNotContain(RestTestBed.InteractionToken, major, StringComparison.Ordinal);
        Assert.Equal(major, MajorParameter.Webhook(new Snowflake(1), RestTestBed.InteractionToken));
        Assert.NotEqual(major, MajorParameter.Webhook(new Snowflake(1), "another-token"));
    }
}

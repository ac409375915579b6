using ComfyBot.Logging;

namespace ComfyBot.Tests.Logging;

public sealed class LogScrubberTests
{
    private const string BotToken = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";
    private const string InteractionToken = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXQ";

    [Fact]
    public void Scrub_ConfiguredSecret_IsRemovedWherever()
    {
        var scrubber = new LogScrubber(["my-own-comfy-password"]);

        var text = scrubber.Scrub("header was my-own-comfy-password; again:my-own-comfy-password.");

        Assert.Equal("header was [redacted]; again:[redacted].", text);
    }

    [Theory]
    [InlineData("PATCH https://discord.com/api/v10/webhooks/1234567890/" + InteractionToken + "/messages/@original failed")]
    [InlineData("POST /api/v10/interactions/1234567890123/" + InteractionToken + "/callback")]
    [InlineData("{\"id\":\"1\",\"token\":\"" + InteractionToken + "\",\"type\":2}")]
    [InlineData("token " + InteractionToken)]
    public void Scrub_InteractionToken_IsRemovedWithoutConfiguration(string line)
    {
        var text = LogScrubber.PatternsOnly.Scrub(line);

        Assert.DoesNotContain(InteractionToken, text, StringComparison.Ordinal);
        Assert.Contains(LogScrubber.Redacted, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_WebhookPathWithAnyTokenShape_KeepsTheRouteAndDropsTheToken()
    {
        var text = LogScrubber.PatternsOnly.Scrub("PATCH /webhooks/42/QUJDREVGR0hJSktMTU5PUFFSU1RVVg_x-y/messages/@original");

        Assert.Equal("PATCH /webhooks/42/[redacted]/messages/@original", text);
    }

    [Theory]
    [InlineData("Authorization: Bot " + BotToken)]
    [InlineData("identify with " + BotToken + " now")]
    [InlineData("{\"op\":2,\"d\":{\"token\":\"" + BotToken + "\"}}")]
    public void Scrub_BotTokenShape_IsRemovedWithoutConfiguration(string line)
    {
        var text = LogScrubber.PatternsOnly.Scrub(line);

        Assert.DoesNotContain(BotToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain("GaBcDe", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_AuthorizationBearer_IsRemoved()
    {
        var text = LogScrubber.PatternsOnly.Scrub("sent Authorization=Bearer s3cr3t-value to gpu-1");

        Assert.Equal("sent Authorization=Bearer [redacted] to gpu-1", text);
    }

    [Theory]
    [InlineData("Job #12 finished on gpu-1 in 3.5 s (KSampler step 20/20).")]
    [InlineData("GET http://127.0.0.1:8188/history/7c1f0e9a-2b34-4c7d-9e21-0a1b2c3d4e5f")]
    [InlineData("PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original")]
    public void Scrub_OrdinaryLine_IsLeftAlone(string line)
    {
        Assert.Same(line, new LogScrubber(["unrelated-secret"]).Scrub(line));
    }

    [Fact]
    public void Constructor_ShortOrEmptySecrets_AreIgnoredSoPlainWordsSurvive()
    {
        var scrubber = new LogScrubber(["", null, "abc"]);

        Assert.Equal("abc is fine", scrubber.Scrub("abc is fine"));
    }
}

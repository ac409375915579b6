using ComfyBot.FakeDiscord.Contracts;
using ComfyBot.FakeDiscord.RateLimits;

namespace ComfyBot.FakeDiscord.Tests.RateLimits;

/// <summary>What <see cref="FaultScript"/> refuses, so a mistyped fault fails its test instead of never firing.</summary>
public sealed class FaultScriptTests
{
    private readonly FaultScript faults = new(OpenApiContract.Embedded, new RateLimiter(new RateLimitOptions(), TimeProvider.System));

    [Theory]
    [InlineData("PATCH /channels/123/messages/456")] // a path, not the spec's template
    [InlineData("/channels/{channel_id}/messages")] // no method
    [InlineData("POST /channels/{channel_id}/messages/{message_id}/nonsense")]
    public void RateLimit_OnSomethingNotAnOperation_IsRefused_NamingIt(string operation)
    {
        var error = Assert.Throws<ArgumentException>(() => faults.RateLimit(operation, 1, RateLimitScope.User, null));

        Assert.Equal("operation", error.ParamName);
        Assert.Contains(operation, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOperationAsTheSpecWritesIt_OrNone_IsScripted()
    {
        faults.RateLimit("PATCH /channels/{channel_id}/messages/{message_id}", 2, RateLimitScope.Shared, TimeSpan.FromSeconds(3));
        faults.ServerError(null, 1, 500);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(404)]
    [InlineData(600)]
    public void ServerError_WithoutA5xxStatus_IsRefused(int status) =>
        Assert.Equal("status", Assert.Throws<ArgumentOutOfRangeException>(() => faults.ServerError(null, 1, status)).ParamName);

    [Fact]
    public void NoTimes_OrNoWait_IsRefused()
    {
        Assert.Equal("times", Assert.Throws<ArgumentOutOfRangeException>(() => faults.ServerError(null, 0, 502)).ParamName);
        Assert.Equal("retryAfter", Assert.Throws<ArgumentOutOfRangeException>(() => faults.RateLimit(null, 1, RateLimitScope.User, TimeSpan.Zero)).ParamName);
    }
}

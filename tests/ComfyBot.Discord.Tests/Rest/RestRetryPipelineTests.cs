using System.Net;
using ComfyBot.Discord.Rest;
using ComfyBot.Discord.Rest.RateLimits;
using Polly;

namespace ComfyBot.Discord.Tests.Rest;

/// <summary>Which failed attempts <see cref="RestRetryPipeline"/> repeats, per method (the client-level cases are in <see cref="RetryTests"/>).</summary>
public sealed class RestRetryPipelineTests
{
    private static readonly RestRequest Post = new(new Route(HttpMethod.Post, "/channels/{channel_id}/messages", "channel:1"), "channels/1/messages", null, UsesBotToken: true);
    private static readonly RestRequest Patch = new(new Route(HttpMethod.Patch, "/channels/{channel_id}/messages/{message_id}", "channel:1"), "channels/1/messages/2", null, UsesBotToken: true);

    [Fact]
    public void Timeout_IsRetried_ForAPatch_ButNotForAPost()
    {
        // HttpClient's own timeout surfaces as TaskCanceledException(TimeoutException): the request may have arrived.
        var timedOut = Outcome.FromException<HttpResponseMessage>(new TaskCanceledException("timed out", new TimeoutException()));

        Assert.True(Decide(Patch, timedOut));
        Assert.False(Decide(Post, timedOut));
    }

    [Fact]
    public void CallerCancellation_IsNeverRetried()
    {
        var cancelled = Outcome.FromException<HttpResponseMessage>(new TaskCanceledException("cancelled"));

        Assert.False(Decide(Patch, cancelled));
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(429, false)]
    public void Answers_AreRetriedOnlyWhen5xx_EvenForAPost(int status, bool retried)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        Assert.Equal(retried, Decide(Post, Outcome.FromResult(response)));
    }

    private static bool Decide(RestRequest request, Outcome<HttpResponseMessage> outcome)
    {
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            RestRetryPipeline.Describe(context, request);
            return RestRetryPipeline.ShouldRetry(outcome, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}

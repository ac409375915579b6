using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ComfyBot.Discord.Rest;

/// <summary>
/// The retry of failures that say nothing about the request itself (Discord's 5xx, the network), with exponential
/// backoff on the client's clock. Rate limits are not its business: <see cref="RateLimits.RateLimitedSender"/>
/// absorbs 429s inside each attempt.
/// </summary>
internal static class RestRetryPipeline
{
    private static readonly ResiliencePropertyKey<string> RouteDescription = new("ComfyBot.Discord.Route");

    private static readonly ResiliencePropertyKey<bool> IsIdempotent = new("ComfyBot.Discord.Idempotent");

    /// <summary>The pipeline for <paramref name="options"/>; an empty one when retries are off.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Build(DiscordRestOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxServerErrorRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                MaxRetryAttempts = options.MaxServerErrorRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ServerErrorBaseDelay,
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception?.GetType().Name ?? $"HTTP {(int)args.Outcome.Result!.StatusCode}";
                    var route = args.Context.Properties.GetValue(RouteDescription, "request");
                    RestLog.Retrying(logger, route, reason, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        return builder.Build();
    }

    /// <summary>Tells the pipeline what it needs to know of <paramref name="request"/>: how to name it in logs, and whether repeating it is safe.</summary>
    public static void Describe(ResilienceContext context, RestRequest request)
    {
        context.Properties.Set(RouteDescription, request.Describe());
        context.Properties.Set(IsIdempotent, request.Route.Method != HttpMethod.Post);
    }

    /// <summary>
    /// Only failures that say nothing about the request itself are retried: Discord's 5xx, and the network. A POST
    /// (new message, followup, callback) is repeated after a network error only when the request surely never left,
    /// because a second copy would post the message twice or fail with 40060 after the first one succeeded.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return outcome.Exception switch
        {
            null => outcome.Result is { } response && (int)response.StatusCode >= 500,
            HttpRequestException e => context.Properties.GetValue(IsIdempotent, false) || NeverSent(e.HttpRequestError),
            TaskCanceledException { InnerException: TimeoutException } => context.Properties.GetValue(IsIdempotent, false),
            _ => false,
        };
    }

    private static bool NeverSent(HttpRequestError error) => error is HttpRequestError.NameResolutionError
        or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
}

using System.Net;
using ComfyBot.Comfy.Http;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ComfyBot.Comfy.Resilience;

/// <summary>
/// The Polly pipelines a <see cref="ComfyClient"/> chooses from per call. Every pipeline times out each attempt
/// and backs off exponentially with jitter; they differ only in what they retry. 4xx is never retried.
/// </summary>
internal sealed class ComfyResilience
{
    public ComfyResilience(ComfyClientOptions options, TimeProvider timeProvider)
    {
        Idempotent = Build(options, timeProvider, IsTransient);
        Submit = Build(options, timeProvider, IsTransient);
        AtMostOnce = Build(options, timeProvider, ex => ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError });
    }

    public ResiliencePipeline Idempotent { get; }

    public ResiliencePipeline Submit { get; }

    public ResiliencePipeline AtMostOnce { get; }

    public ResiliencePipeline For(ComfyCallKind kind) => kind switch
    {
        ComfyCallKind.Idempotent => Idempotent,
        ComfyCallKind.Submit => Submit,
        _ => AtMostOnce,
    };

    /// <summary>Transport failures, attempt timeouts and server errors: the request may not have been handled.</summary>
    internal static bool IsTransient(Exception ex) => ex switch
    {
        HttpRequestException => true,
        TimeoutRejectedException => true,
        // HttpClient.Timeout surfaces as a cancellation wrapping a TimeoutException; a caller's cancel does not.
        TaskCanceledException { InnerException: TimeoutException } => true,
        ComfyHttpException http => http.IsServerError || http.StatusCode == HttpStatusCode.RequestTimeout,
        _ => false,
    };

    private static ResiliencePipeline Build(ComfyClientOptions options, TimeProvider timeProvider, Func<Exception, bool> retryOn)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && retryOn(ex)),
            });
        }

        builder.AddTimeout(options.RequestTimeout);
        return builder.Build();
    }
}

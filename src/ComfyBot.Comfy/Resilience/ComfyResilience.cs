using System.Net;
using ComfyBot.Comfy.Http;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ComfyBot.Comfy.Resilience;

/// <summary>
/// The Polly pipelines a <see cref="ComfyClient"/>'s calls run through, one per <see cref="ComfyCallKind"/>. Every
/// pipeline times out each attempt and backs off exponentially with jitter; they differ only in what they retry. 4xx is
/// never retried. Each retry is logged as a warning with the endpoint, the attempt and the error: a request that took
/// three tries otherwise only made a job look slow.
/// </summary>
internal sealed class ComfyResilience
{
    // What the retry log names: set per call by ExecuteAsync.
    private static readonly ResiliencePropertyKey<string> Endpoint = new("comfybot.endpoint");

    private readonly ILogger _logger;
    private readonly Uri _server;
    private readonly int _attempts;
    private readonly ResiliencePipeline _idempotent;
    private readonly ResiliencePipeline _submit;
    private readonly ResiliencePipeline _atMostOnce;

    public ComfyResilience(ComfyClientOptions options, TimeProvider timeProvider, ILogger logger, Uri server)
    {
        _logger = logger;
        _server = server;
        _attempts = options.MaxRetries + 1;
        _idempotent = Build(options, timeProvider, IsTransient);
        _submit = Build(options, timeProvider, IsTransient);
        _atMostOnce = Build(options, timeProvider, ex => ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError });
    }

    /// <summary>Runs <paramref name="attempt"/> through the pipeline of <paramref name="kind"/>; a retry's log line names <paramref name="endpoint"/> (e.g. "GET /queue").</summary>
    public async Task<T> ExecuteAsync<T>(ComfyCallKind kind, string endpoint, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var pipeline = kind switch
        {
            ComfyCallKind.Idempotent => _idempotent,
            ComfyCallKind.Submit => _submit,
            _ => _atMostOnce,
        };
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Endpoint, endpoint);
        try
        {
            return await pipeline.ExecuteAsync(static async (context, attempt) => await attempt(context.CancellationToken), context, attempt);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

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

    private ResiliencePipeline Build(ComfyClientOptions options, TimeProvider timeProvider, Func<Exception, bool> retryOn)
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
                OnRetry = args =>
                {
                    _logger.LogWarning(
                        "ComfyUI at {Server}: {Endpoint} failed on attempt {Attempt} of {Attempts} ({Error}); trying again in {DelayMs:0} ms.",
                        _server,
                        args.Context.Properties.GetValue(Endpoint, "a request"),
                        args.AttemptNumber + 1,
                        _attempts,
                        args.Outcome.Exception?.Message,
                        args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder.AddTimeout(options.RequestTimeout);
        return builder.Build();
    }
}

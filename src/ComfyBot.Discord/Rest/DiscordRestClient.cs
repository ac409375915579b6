using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.Rest.RateLimits;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ComfyBot.Discord.Rest;

/// <summary>
/// Discord's HTTP API with its rate limits: per-route buckets learnt from the headers, the global 50/s limit
/// (interaction-token routes exempt), 429 handling, retries of network errors and 5xx, typed errors. Endpoints
/// live in the partial files by area. Thread-safe; use one instance per bot.
/// </summary>
public sealed partial class DiscordRestClient : IGatewayBotSource
{
    private static readonly ResiliencePropertyKey<string> RouteDescription = new("ComfyBot.Discord.Route");

    private static readonly ResiliencePropertyKey<bool> IsIdempotent = new("ComfyBot.Discord.Idempotent");

    private readonly HttpClient _http;
    private readonly DiscordRestOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BucketRegistry _buckets;
    private readonly GlobalRateLimiter _global;
    private readonly InvalidRequestCounter _invalid;
    private readonly RateLimitMetrics? _metrics;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private readonly Uri _baseAddress;
    private readonly string _userAgent;

    /// <summary>Creates the client; <paramref name="options"/> are checked by <see cref="DiscordRestOptionsValidator"/> (at start-up, when registered through DI).</summary>
    /// <param name="http">The transport; its BaseAddress is not used (see <see cref="DiscordRestOptions.BaseAddress"/>).</param>
    /// <param name="options">Token, base address and limits.</param>
    /// <param name="time">The clock for every wait; tests pass a FakeTimeProvider.</param>
    /// <param name="logger">Receives rate-limit, retry and invalid-request warnings; never tokens.</param>
    /// <param name="meters">
    /// Creates meter <c>ComfyBot.Discord</c> with counters <c>discord.rest.planned_waits</c> (by limit: bucket, global)
    /// and <c>discord.rest.rate_limited</c> (429 answers, by scope); null records nothing.
    /// </param>
    public DiscordRestClient(HttpClient http, DiscordRestOptions options, TimeProvider time, ILogger<DiscordRestClient> logger, IMeterFactory? meters = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        var root = options.BaseAddress.AbsoluteUri;
        _baseAddress = new Uri(root.EndsWith('/') ? root : root + "/");
        _userAgent = $"DiscordBot ({options.UserAgentUrl.AbsoluteUri}, {options.UserAgentVersion})";
        _buckets = new BucketRegistry(time);
        _global = new GlobalRateLimiter(time, options.GlobalRequestsPerSecond);
        _invalid = new InvalidRequestCounter(time, logger, options.InvalidRequestWarningThreshold, options.InvalidRequestErrorThreshold);
        _retry = BuildRetryPipeline(options, time, logger);
        _metrics = meters is null ? null : new RateLimitMetrics(meters);
    }

    /// <summary>
    /// Answers with 401, 403 or 429 (shared-scope 429s excepted) in the last ten minutes. Discord bans the IP at
    /// 10,000; a warning is logged at <see cref="DiscordRestOptions.InvalidRequestWarningThreshold"/>.
    /// </summary>
    public int InvalidRequestCount => _invalid.Count;

    internal BucketRegistry Buckets => _buckets;

    internal async Task<T> SendAsync<T>(RestRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(bytes, responseType)
                ?? throw new InvalidDataException($"Discord answered {request.Describe()} with an empty body where {typeof(T).Name} was expected.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Discord's answer to {request.Describe()} is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }

    internal async Task SendAsync(RestRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(RestRequest request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RouteDescription, request.Describe());
        context.Properties.Set(IsIdempotent, request.Route.Method != HttpMethod.Post);
        HttpResponseMessage response;
        try
        {
            response = await _retry.ExecuteAsync(
                static (context, state) => state.Client.SendRateLimitedAsync(state.Request, context.CancellationToken),
                context,
                (Client: this, Request: request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var retryAfter = response.StatusCode == HttpStatusCode.TooManyRequests
                ? (await RateLimitBody.ReadAsync(response, RateLimitHeaders.Parse(response.Headers), cancellationToken)).RetryAfter
                : (TimeSpan?)null;
            throw await DiscordErrorReader.ReadAsync(response, request.Describe(), retryAfter, cancellationToken);
        }
    }

    /// <summary>One logical attempt: waits for the bucket and the global limit, sends, learns, and absorbs 429s.</summary>
    private async ValueTask<HttpResponseMessage> SendRateLimitedAsync(RestRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var waitStart = _time.GetTimestamp();
            var bucket = await _buckets.AcquireAsync(request.Route, cancellationToken);
            NoteWait(waitStart, "bucket");
            HttpResponseMessage response;
            try
            {
                waitStart = _time.GetTimestamp();
                await _global.AcquireAsync(exempt: !request.UsesBotToken, cancellationToken);
                NoteWait(waitStart, "global");
                using var message = CreateMessage(request);
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch
            {
                bucket.Release();
                throw;
            }

            var headers = RateLimitHeaders.Parse(response.Headers);
            _buckets.Complete(request.Route, bucket, headers, answered: response.IsSuccessStatusCode);
            var status = (int)response.StatusCode;
            if (status is 401 or 403)
            {
                _invalid.Record(status);
            }

            if (status != 429)
            {
                return response;
            }

            var limit = await RateLimitBody.ReadAsync(response, headers, cancellationToken);
            _metrics?.RateLimited(headers.Scope, limit.IsGlobal);
            if (headers.Scope != RateLimitScope.Shared)
            {
                _invalid.Record(status);
            }

            if (limit.IsGlobal)
            {
                _global.Pause(limit.RetryAfter);
            }
            else
            {
                _buckets.Pause(request.Route, limit.RetryAfter);
            }

            if (attempt >= _options.MaxRateLimitRetries)
            {
                return response;
            }

            RestLog.RateLimited(_logger, request.Describe(), headers.Scope.ToString(), limit.IsGlobal, limit.RetryAfter);
            response.Dispose();
        }
    }

    private void NoteWait(long start, string limit)
    {
        // Only a real wait moves the clock (a FakeTimeProvider in tests stands still otherwise).
        if (_metrics is not null && _time.GetElapsedTime(start) > TimeSpan.Zero)
        {
            _metrics.PlannedWait(limit);
        }
    }

    private HttpRequestMessage CreateMessage(RestRequest request)
    {
        var message = new HttpRequestMessage(request.Route.Method, new Uri(_baseAddress, request.Path));
        message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (request.UsesBotToken)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.Token);
        }

        message.Content = request.Content?.Invoke();
        return message;
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

    private static ResiliencePipeline<HttpResponseMessage> BuildRetryPipeline(DiscordRestOptions options, TimeProvider time, ILogger logger)
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
}

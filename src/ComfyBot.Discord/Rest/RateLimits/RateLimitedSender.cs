using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Discord.Rest.RateLimits;

/// <summary>
/// One logical attempt at a request within Discord's rate limits: waits for the route's bucket and the global
/// limit, sends, learns the bucket from the answer's headers, counts invalid requests, and absorbs 429s (pausing
/// the bucket or everything) up to <see cref="DiscordRestOptions.MaxRateLimitRetries"/> times.
/// </summary>
internal sealed class RateLimitedSender
{
    private readonly HttpClient _http;
    private readonly RestMessageBuilder _messages;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DiscordRestOptions _options;
    private readonly BucketRegistry _buckets;
    private readonly GlobalRateLimiter _global;
    private readonly InvalidRequestCounter _invalid;
    private readonly RateLimitMetrics? _metrics;

    public RateLimitedSender(HttpClient http, RestMessageBuilder messages, DiscordRestOptions options, TimeProvider time, ILogger logger, IMeterFactory? meters)
    {
        _http = http;
        _messages = messages;
        _time = time;
        _logger = logger;
        _options = options;
        _buckets = new BucketRegistry(time);
        _global = new GlobalRateLimiter(time, options.GlobalRequestsPerSecond);
        _invalid = new InvalidRequestCounter(time, logger, options.InvalidRequestWarningThreshold, options.InvalidRequestErrorThreshold);
        _metrics = meters is null ? null : new RateLimitMetrics(meters);
    }

    /// <summary>Answers with 401, 403 or 429 (shared-scope 429s excepted) in the last ten minutes.</summary>
    public int InvalidRequestCount => _invalid.Count;

    public BucketRegistry Buckets => _buckets;

    /// <summary>The answer to <paramref name="request"/>; a 429 only once the rate-limit retries are spent.</summary>
    public async ValueTask<HttpResponseMessage> SendAsync(RestRequest request, CancellationToken cancellationToken)
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
                using var message = _messages.Build(request);
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
}

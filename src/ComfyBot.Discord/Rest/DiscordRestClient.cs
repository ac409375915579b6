using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.Rest.RateLimits;
using Microsoft.Extensions.Logging;
using Polly;

namespace ComfyBot.Discord.Rest;

/// <summary>
/// Discord's HTTP API with its rate limits: per-route buckets learnt from the headers, the global 50/s limit
/// (interaction-token routes exempt), 429 handling, retries of network errors and 5xx, typed errors. Endpoints
/// live in the partial files by area; each attempt goes through <see cref="RateLimitedSender"/>, and
/// <see cref="RestRetryPipeline"/> repeats the attempts that may be repeated. Thread-safe; use one instance per bot.
/// </summary>
public sealed partial class DiscordRestClient : IGatewayBotSource
{
    private readonly RateLimitedSender _sender;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

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
        _sender = new RateLimitedSender(http, new RestMessageBuilder(options), options, time, logger, meters);
        _retry = RestRetryPipeline.Build(options, time, logger);
    }

    /// <summary>
    /// Answers with 401, 403 or 429 (shared-scope 429s excepted) in the last ten minutes. Discord bans the IP at
    /// 10,000; a warning is logged at <see cref="DiscordRestOptions.InvalidRequestWarningThreshold"/>.
    /// </summary>
    public int InvalidRequestCount => _sender.InvalidRequestCount;

    internal BucketRegistry Buckets => _sender.Buckets;

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
        RestRetryPipeline.Describe(context, request);
        HttpResponseMessage response;
        try
        {
            response = await _retry.ExecuteAsync(
                static (context, state) => state.Sender.SendAsync(state.Request, context.CancellationToken),
                context,
                (Sender: _sender, Request: request));
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
}

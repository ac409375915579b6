using Microsoft.Extensions.Logging;

namespace ComfyBot.Discord.Rest;

/// <summary>The REST client's log lines; never a token or a token-bearing URL.</summary>
internal static partial class RestLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning,
        Message = "Discord answered {Count} requests with 401/403/429 in the last {Minutes} minutes; at {BanThreshold} Cloudflare bans this IP. Latest status: {StatusCode}. Look for a bad token, missing permissions or a retry loop.")]
    public static partial void InvalidRequestsHigh(ILogger logger, int count, double minutes, int banThreshold, int statusCode);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error,
        Message = "DANGER: Discord answered {Count} requests with 401/403/429 in the last {Minutes} minutes; at {BanThreshold} Cloudflare bans this IP for hours. Latest status: {StatusCode}. Stop the bot or find the failing call now.")]
    public static partial void InvalidRequestsCritical(ILogger logger, int count, double minutes, int banThreshold, int statusCode);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "Discord rate limited {Route} (scope {Scope}, global {Global}); retrying in {RetryAfter}.")]
    public static partial void RateLimited(ILogger logger, string route, string scope, bool global, TimeSpan retryAfter);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
        Message = "Discord request {Route} failed ({Reason}); retry {Attempt} in {Delay}.")]
    public static partial void Retrying(ILogger logger, string route, string reason, int attempt, TimeSpan delay);
}

using System.Globalization;
using System.Net.Http.Headers;

namespace ComfyBot.Discord.Rest.RateLimits;

/// <summary>The rate-limit headers of one response; every field is absent when Discord did not send it.</summary>
internal sealed record RateLimitHeaders(
    string? Bucket,
    int? Limit,
    int? Remaining,
    TimeSpan? ResetAfter,
    bool IsGlobal,
    RateLimitScope Scope,
    TimeSpan? RetryAfter)
{
    public static RateLimitHeaders Parse(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return new RateLimitHeaders(
            Bucket: Single(headers, "X-RateLimit-Bucket"),
            Limit: ParseInt(Single(headers, "X-RateLimit-Limit")),
            Remaining: ParseInt(Single(headers, "X-RateLimit-Remaining")),
            ResetAfter: ParseSeconds(Single(headers, "X-RateLimit-Reset-After")),
            IsGlobal: string.Equals(Single(headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase),
            Scope: ParseScope(Single(headers, "X-RateLimit-Scope")),
            RetryAfter: headers.RetryAfter?.Delta ?? ParseSeconds(Single(headers, "Retry-After")));
    }

    private static string? Single(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static int? ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static TimeSpan? ParseSeconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static RateLimitScope ParseScope(string? text) => text?.ToUpperInvariant() switch
    {
        "USER" => RateLimitScope.User,
        "GLOBAL" => RateLimitScope.Global,
        "SHARED" => RateLimitScope.Shared,
        _ => RateLimitScope.Unknown,
    };
}

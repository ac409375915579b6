using System.Text.Json;
using ComfyBot.Discord.Rest.RateLimits;

namespace ComfyBot.Discord.Rest;

/// <summary>What a 429 asks for: how long to wait, and whether the whole bot is limited.</summary>
internal readonly record struct RateLimitBody(TimeSpan RetryAfter, bool IsGlobal)
{
    private static readonly TimeSpan Fallback = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Prefers the body's <c>retry_after</c> (fractional seconds) over the whole-second Retry-After header; a global
    /// limit is signalled by the scope header, X-RateLimit-Global or the body's <c>global</c>.
    /// </summary>
    public static async Task<RateLimitBody> ReadAsync(HttpResponseMessage response, RateLimitHeaders headers, CancellationToken cancellationToken)
    {
        double? retryAfter = null;
        var global = false;
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("retry_after", out var r) && r.ValueKind == JsonValueKind.Number)
                {
                    retryAfter = r.GetDouble();
                }

                global = root.TryGetProperty("global", out var g) && g.ValueKind == JsonValueKind.True;
            }
        }
        catch (JsonException)
        {
            // A 429 from Cloudflare is HTML; the headers still say how long to wait.
        }

        var wait = retryAfter is >= 0 ? TimeSpan.FromSeconds(retryAfter.Value) : headers.RetryAfter ?? headers.ResetAfter ?? Fallback;
        return new RateLimitBody(wait, global || headers.IsGlobal || headers.Scope == RateLimitScope.Global);
    }
}

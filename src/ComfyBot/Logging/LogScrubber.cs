using System.Text.RegularExpressions;

namespace ComfyBot.Logging;

/// <summary>
/// Removes secrets from text bound for a log line or a report: the configured secrets (the bot token, backend header
/// values) wherever they appear, and anything shaped like a Discord token even when nobody configured it: interaction
/// tokens in webhook and callback URLs, bot tokens, <c>"token": "..."</c> in JSON and Authorization headers.
/// </summary>
internal sealed partial class LogScrubber
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Redacted = "[redacted]";

    private readonly string[] _secrets;

    /// <param name="secrets">Known secret values; empty and very short ones (under 8 characters) are ignored as too likely to hit plain words.</param>
    public LogScrubber(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);

        // Longest first, so that a secret containing another is removed whole.
        _secrets = [.. secrets.OfType<string>().Select(s => s.Trim()).Where(s => s.Length >= 8).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    /// <summary>A scrubber that knows no configured secrets (patterns only).</summary>
    public static LogScrubber PatternsOnly { get; } = new([]);

    /// <summary>The text without secrets; the same instance when there was nothing to remove.</summary>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = text;
        foreach (var secret in _secrets)
        {
            if (result.Contains(secret, StringComparison.Ordinal))
            {
                result = result.Replace(secret, Redacted, StringComparison.Ordinal);
            }
        }

        if (!MightHoldToken(result))
        {
            return result;
        }

        result = InteractionToken().Replace(result, Redacted);
        result = TokenInPath().Replace(result, "${prefix}" + Redacted);
        result = BotToken().Replace(result, Redacted);
        result = JsonToken().Replace(result, "${prefix}" + Redacted);
        return Authorization().Replace(result, "${prefix}" + Redacted);
    }

    // A cheap filter first: nearly every log line has none of these, and the regexes then cost nothing.
    private static bool MightHoldToken(string text) =>
        text.Contains('.') || text.Contains("token", StringComparison.OrdinalIgnoreCase)
        || text.Contains("authorization", StringComparison.OrdinalIgnoreCase) || text.Contains("aW50ZXJhY3Rpb24", StringComparison.Ordinal)
        || text.Contains("/webhooks/", StringComparison.Ordinal) || text.Contains("/interactions/", StringComparison.Ordinal);

    // Discord's interaction tokens start with base64("interaction").
    [GeneratedRegex(@"aW50ZXJhY3Rpb24[A-Za-z0-9_\-.:]*", RegexOptions.CultureInvariant)]
    private static partial Regex InteractionToken();

    // /webhooks/{application}/{token}/... and /interactions/{id}/{token}/callback carry tokens in the path.
    [GeneratedRegex(@"(?<prefix>/(?:webhooks|interactions)/\d{1,20}/)[^/\s?""']{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex TokenInPath();

    // A bot token: base64 user id, a timestamp and an HMAC, separated by dots.
    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])[A-Za-z0-9_\-]{18,}\.[A-Za-z0-9_\-]{4,8}\.[A-Za-z0-9_\-]{25,}", RegexOptions.CultureInvariant)]
    private static partial Regex BotToken();

    [GeneratedRegex(@"(?<prefix>""token""\s*:\s*"")[^""]*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex JsonToken();

    [GeneratedRegex(@"(?<prefix>\bAuthorization[""']?\s*[:=]\s*[""']?(?:(?:Bot|Bearer|Basic)\s+)?)[^\s""',;]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Authorization();
}

using System.Text.RegularExpressions;

namespace ComfyBot.Tests.Telemetry;

/// <summary>
/// A /metrics scrape as the series an operator queries: OpenTelemetry's exporter adds the instrumentation scope to each
/// sample (<c>otel_scope_name="ComfyBot.Core"</c>), which a query by name and labels matches anyway; the tests read the
/// lines without it, so that each assert names the series exactly as a dashboard does.
/// </summary>
internal static partial class ScrapeText
{
    public static string WithoutScope(string text) => EmptyLabels().Replace(ScopeLabel().Replace(text, string.Empty), " ");

    [GeneratedRegex("otel_scope_(name|version)=\"(?:[^\"\\\\]|\\\\.)*\",?")]
    private static partial Regex ScopeLabel();

    [GeneratedRegex(@"\{\} ")]
    private static partial Regex EmptyLabels();
}

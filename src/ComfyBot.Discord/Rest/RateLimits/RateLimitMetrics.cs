using System.Diagnostics.Metrics;

namespace ComfyBot.Discord.Rest.RateLimits;

/// <summary>
/// The REST client's rate-limit instruments (meter <c>ComfyBot.Discord</c>): waits the client planned from the
/// headers before sending, and 429 answers it got anyway. Many planned waits and few 429s is the healthy picture.
/// </summary>
internal sealed class RateLimitMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ComfyBot.Discord";

    private readonly Counter<long> _plannedWaits;
    private readonly Counter<long> _answers;

    /// <param name="meters">The host's factory; it owns (and disposes) the meter.</param>
    public RateLimitMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _plannedWaits = meter.CreateCounter<long>("discord.rest.planned_waits", "{wait}", "Requests held back before sending to respect a known limit, by limit (bucket, global)");
        _answers = meter.CreateCounter<long>("discord.rest.rate_limited", "{response}", "429 answers from Discord, by scope (user, global, shared)");
    }

    public void PlannedWait(string limit) => _plannedWaits.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public void RateLimited(RateLimitScope scope, bool global) =>
        _answers.Add(1, new KeyValuePair<string, object?>("scope", global ? "global" : scope.ToString().ToLowerInvariant()));
}

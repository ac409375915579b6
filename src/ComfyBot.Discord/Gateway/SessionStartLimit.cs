using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Gateway;

/// <summary>The session_start_limit object of GET /gateway/bot.</summary>
/// <param name="Total">Session starts allowed per reset period.</param>
/// <param name="Remaining">Session starts left.</param>
/// <param name="ResetAfter">Milliseconds until the limit resets.</param>
/// <param name="MaxConcurrency">How many shards may IDENTIFY in each 5-second window (by shard_id % max_concurrency).</param>
public sealed record SessionStartLimit(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("remaining")] int Remaining,
    [property: JsonPropertyName("reset_after")] long ResetAfter,
    [property: JsonPropertyName("max_concurrency")] int MaxConcurrency);

namespace ComfyBot.FakeDiscord.RateLimits;

/// <summary>What the limiter decided for one request, with the headers to send either way.</summary>
internal sealed record RateLimitDecision(IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Non-null: refuse with this status (429 or 5xx).</summary>
    public int? RefuseWith { get; init; }

    public TimeSpan RetryAfter { get; init; }

    public RateLimitScope Scope { get; init; }

    public bool Scripted { get; init; }
}

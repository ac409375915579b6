namespace ComfyBot.FakeDiscord.RateLimits;

/// <summary>The <c>X-RateLimit-Scope</c> of a 429.</summary>
public enum RateLimitScope
{
    /// <summary>The bot exceeded a per-route limit.</summary>
    User,

    /// <summary>The bot exceeded the global limit.</summary>
    Global,

    /// <summary>A per-resource limit shared with others; does not count as the bot's invalid request.</summary>
    Shared,
}

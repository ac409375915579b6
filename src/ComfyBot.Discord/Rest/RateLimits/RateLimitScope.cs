namespace ComfyBot.Discord.Rest.RateLimits;

/// <summary>The <c>X-RateLimit-Scope</c> of a 429 response.</summary>
public enum RateLimitScope
{
    /// <summary>The header was missing.</summary>
    Unknown = 0,

    /// <summary>A per-route limit of this bot.</summary>
    User,

    /// <summary>The bot's global limit; everything pauses.</summary>
    Global,

    /// <summary>A per-resource limit shared with others; it does not count towards the invalid-request ban.</summary>
    Shared,
}

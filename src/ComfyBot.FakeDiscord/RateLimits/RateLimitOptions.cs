namespace ComfyBot.FakeDiscord.RateLimits;

/// <summary>
/// The fake's REST rate limits. Defaults follow what Discord reports for the routes the bot uses; they are
/// enforced with real 429s so that a client that ignores the headers is caught. Checked by
/// <see cref="FakeDiscordOptions.Validate"/>.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Whether exceeding a bucket answers 429 (headers are sent either way).</summary>
    public bool Enforce { get; set; } = true;

    /// <summary>Requests per second per bot token across routes; interaction and webhook-token routes are exempt.</summary>
    public int GlobalPerSecond { get; set; } = 50;

    /// <summary>Message creates/edits/deletes per window, per channel or per webhook token.</summary>
    public int MessagesPerWindow { get; set; } = 5;

    /// <summary>The window of <see cref="MessagesPerWindow"/>.</summary>
    public TimeSpan MessageWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests per window on every other route (per route and major parameter).</summary>
    public int OtherPerWindow { get; set; } = 10;

    /// <summary>The window of <see cref="OtherPerWindow"/>.</summary>
    public TimeSpan OtherWindow { get; set; } = TimeSpan.FromSeconds(10);
}

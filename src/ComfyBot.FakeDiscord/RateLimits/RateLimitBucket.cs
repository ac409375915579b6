namespace ComfyBot.FakeDiscord.RateLimits;

/// <summary>A fixed-window bucket for one route group and major parameter.</summary>
internal sealed class RateLimitBucket(string hash, int limit, TimeSpan window)
{
    public string Hash { get; } = hash;

    public int Limit { get; } = limit;

    public TimeSpan Window { get; } = window;

    public DateTimeOffset WindowStart { get; private set; } = DateTimeOffset.MinValue;

    public int Used { get; private set; }

    /// <summary>Set by a 429 (scripted or real): until then every request is refused.</summary>
    public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;

    public DateTimeOffset ResetAt => WindowStart + Window;

    public int Remaining => Math.Max(0, Limit - Used);

    public void Roll(DateTimeOffset now)
    {
        if (now >= ResetAt)
        {
            WindowStart = now;
            Used = 0;
        }
    }

    /// <summary>How long a request must wait; zero when it may go now.</summary>
    public TimeSpan WaitFor(DateTimeOffset now)
    {
        var blocked = BlockedUntil > now ? BlockedUntil - now : TimeSpan.Zero;
        var full = Used >= Limit ? ResetAt - now : TimeSpan.Zero;
        return blocked > full ? blocked : full;
    }

    public void Take() => Used++;
}

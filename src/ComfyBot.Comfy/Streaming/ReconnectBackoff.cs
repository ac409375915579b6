namespace ComfyBot.Comfy.Streaming;

/// <summary>
/// Exponential backoff with "equal jitter": half the delay is fixed and half random, so many clients that lost
/// the same server do not reconnect in lockstep, yet none retries immediately.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, Func<double> random)
{
    /// <summary>The delay before attempt <paramref name="failures"/> (1 = first retry).</summary>
    public TimeSpan Next(int failures)
    {
        var exponent = Math.Min(Math.Max(failures - 1, 0), 30);
        var ceiling = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        var half = ceiling / 2;
        return TimeSpan.FromMilliseconds(half + (half * random()));
    }
}

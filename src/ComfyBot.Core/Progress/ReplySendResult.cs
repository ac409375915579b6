namespace ComfyBot.Core.Progress;

/// <summary>What became of one <see cref="IJobView.ShowAsync"/> call.</summary>
public readonly record struct ReplySendResult
{
    private ReplySendResult(TimeSpan? retryAfter, Exception? outage)
    {
        RetryAfter = retryAfter;
        Outage = outage;
    }

    /// <summary>The message now shows the state.</summary>
    public static ReplySendResult Sent => default;

    /// <summary>How long the chat service asked to wait before the next send; null when the state was shown.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Why the chat service could not be reached or failed on its side; null when it answered.</summary>
    public Exception? Outage { get; }

    /// <summary>Whether the chat service refused the send for now and asked to wait.</summary>
    public bool IsRateLimited => RetryAfter is not null;

    /// <summary>Whether the chat service was unreachable or failing (a network error, a 5xx): worth trying again later.</summary>
    public bool IsUnavailable => Outage is not null;

    /// <summary>The chat service refused the send for now; nothing changed; try again after <paramref name="retryAfter"/>.</summary>
    public static ReplySendResult RateLimited(TimeSpan retryAfter) =>
        new(retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter, null);

    /// <summary>
    /// The chat service could not be reached or failed on its side (<paramref name="reason"/>), so the send says
    /// nothing about the state itself: a final state is tried again for as long as
    /// <see cref="ReplyThrottleOptions.FinalOutageLimit"/> allows, not only <see cref="ReplyThrottleOptions.FinalAttempts"/> times.
    /// </summary>
    public static ReplySendResult Unavailable(Exception reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new(null, reason);
    }
}

namespace ComfyBot.Core.Progress;

/// <summary>What became of one <see cref="IJobView.ShowAsync"/> call.</summary>
public readonly record struct ReplySendResult
{
    private ReplySendResult(TimeSpan? retryAfter) => RetryAfter = retryAfter;

    /// <summary>The message now shows the state.</summary>
    public static ReplySendResult Sent => default;

    /// <summary>How long the chat service asked to wait before the next send; null when the state was shown.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether the chat service refused the send for now and asked to wait.</summary>
    public bool IsRateLimited => RetryAfter is not null;

    /// <summary>The chat service refused the send for now; nothing changed; try again after <paramref name="retryAfter"/>.</summary>
    public static ReplySendResult RateLimited(TimeSpan retryAfter) =>
        new(retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter);
}

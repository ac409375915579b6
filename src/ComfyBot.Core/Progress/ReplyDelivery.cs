namespace ComfyBot.Core.Progress;

/// <summary>How a reply's final state ended up: delivered, given up after retries, or abandoned on shutdown.</summary>
/// <param name="Outcome">What happened to the final state.</param>
/// <param name="Attempts">How many sends of the final state were tried (rate-limited attempts included).</param>
/// <param name="Error">The last failure when <paramref name="Outcome"/> is <see cref="ReplyOutcome.Failed"/>.</param>
public sealed record ReplyDelivery(ReplyOutcome Outcome, int Attempts, Exception? Error = null)
{
    /// <summary>Whether the message shows the final state.</summary>
    public bool Delivered => Outcome == ReplyOutcome.Delivered;
}

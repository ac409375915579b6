namespace ComfyBot.Core.Progress;

/// <summary>What became of a reply's final state.</summary>
public enum ReplyOutcome
{
    /// <summary>The message shows the final state.</summary>
    Delivered,

    /// <summary>Every attempt failed; the last error is in <see cref="ReplyDelivery.Error"/>.</summary>
    Failed,

    /// <summary>The throttle was disposed before the final state went out.</summary>
    Abandoned,
}

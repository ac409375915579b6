namespace ComfyBot.Core.Policies;

/// <summary>Why a job was refused, for logs and metrics; the member reads <see cref="PolicyRefusal.Message"/>.</summary>
public enum RefusalReason
{
    /// <summary>The member is banned.</summary>
    Banned,

    /// <summary>ComfyBot is not enabled in the channel.</summary>
    ChannelNotAllowed,

    /// <summary>The member has as many jobs waiting or running as allowed.</summary>
    TooManyQueued,

    /// <summary>The member submitted too recently.</summary>
    Cooldown,

    /// <summary>A value is outside the member's limits or not valid at all.</summary>
    OutOfRange,

    /// <summary>No workflow has the name given.</summary>
    UnknownWorkflow,

    /// <summary>An option was set that the workflow has nowhere to put.</summary>
    UnsupportedOption,

    /// <summary>An input image was attached to a workflow that takes none.</summary>
    ImageNotAccepted,

    /// <summary>The workflow needs an input image and none was attached.</summary>
    ImageRequired,

    /// <summary>The job store could not write (a full disk, a read-only file): nothing was stored.</summary>
    StoreUnavailable,

    /// <summary>The member used their jobs or GPU time for the day.</summary>
    QuotaExceeded,

    /// <summary>The prompt filter refused the prompt or negative prompt (the member is not told which rule).</summary>
    PromptBlocked,

    /// <summary>The channel's rules do not list the workflow.</summary>
    WorkflowNotAllowedHere,

    /// <summary>The workflow is marked NSFW and the channel is not age-restricted (or Discord did not say).</summary>
    NsfwChannelRequired,
}

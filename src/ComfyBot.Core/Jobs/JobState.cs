namespace ComfyBot.Core.Jobs;

/// <summary>
/// Where a job is in its life. The numbers are stored in the job store: never renumber, only append.
/// </summary>
public enum JobState
{
    /// <summary>In the bot's own queue, not yet sent to any ComfyUI.</summary>
    Waiting = 0,

    /// <summary>Sent to a backend and waiting on its ComfyUI queue.</summary>
    Submitted = 1,

    /// <summary>ComfyUI is executing it.</summary>
    Running = 2,

    /// <summary>Finished with outputs.</summary>
    Succeeded = 3,

    /// <summary>Rejected or failed on the backend, or could not be submitted.</summary>
    Failed = 4,

    /// <summary>Removed by its owner or an admin before it finished.</summary>
    Cancelled = 5,

    /// <summary>Stopped while running (an interrupt on the backend).</summary>
    Interrupted = 6,
}

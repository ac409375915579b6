namespace ComfyBot.Core.Running;

/// <summary>What <see cref="JobService.CancelAsync"/> did.</summary>
public enum CancelResult
{
    /// <summary>The job was waiting and is now Cancelled.</summary>
    Removed,

    /// <summary>The job was on a GPU server; it was deleted from its queue or interrupted, and ends Cancelled.</summary>
    Stopping,

    /// <summary>No unfinished job has that id.</summary>
    NotFound,

    /// <summary>The job belongs to someone else and the caller is not an admin.</summary>
    NotYours,
}

namespace ComfyBot.Core.Store;

/// <summary>
/// A job was written back from a stale copy: someone else changed its row since it was read. Read it again, reapply the
/// change and retry, or use <see cref="JobStore.TransitionAsync"/>, which reads and writes in one transaction.
/// </summary>
public sealed class JobConcurrencyException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public JobConcurrencyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public JobConcurrencyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public JobConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for job <paramref name="jobId"/>.</summary>
    public JobConcurrencyException(long jobId, long expectedVersion, long actualVersion)
        : base($"Job #{jobId} was changed by someone else (version {actualVersion}, the copy being written has {expectedVersion}); read it again and retry.")
    {
        JobId = jobId;
    }

    /// <summary>The job's id.</summary>
    public long JobId { get; }
}

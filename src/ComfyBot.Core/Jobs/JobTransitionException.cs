namespace ComfyBot.Core.Jobs;

/// <summary>A job was asked to move to a state its rules do not allow from where it is (e.g. a final job going back).</summary>
public sealed class JobTransitionException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public JobTransitionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public JobTransitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public JobTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for job <paramref name="jobId"/> moving from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public JobTransitionException(long jobId, JobState from, JobState to)
        : base(Describe(jobId, from, to))
    {
        JobId = jobId;
        From = from;
        To = to;
    }

    /// <summary>The job's id.</summary>
    public long JobId { get; }

    /// <summary>The state the job is in.</summary>
    public JobState From { get; }

    /// <summary>The state that was refused.</summary>
    public JobState To { get; }

    private static string Describe(long jobId, JobState from, JobState to) => JobTransitions.IsFinal(from)
        ? $"Job #{jobId} is already {from}, which is final; it cannot become {to}."
        : $"Job #{jobId} cannot move from {from} to {to}.";
}

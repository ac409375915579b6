namespace ComfyBot.Core.Running;

/// <summary>A job was moved in a way <see cref="RunTransitions"/> does not list: a bug in the job engine, named.</summary>
public sealed class RunTransitionException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public RunTransitionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RunTransitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RunTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for job <paramref name="jobId"/> moving from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public RunTransitionException(long jobId, RunState from, RunState to)
        : base(RunTransitions.IsFinal(from)
            ? $"Job #{jobId} is already {from}, which is final; it cannot become {to}."
            : $"Job #{jobId} cannot move from {from} to {to}; see RunTransitions.Table.")
    {
        JobId = jobId;
        From = from;
        To = to;
    }

    /// <summary>The job's id.</summary>
    public long JobId { get; }

    /// <summary>The state the job was in.</summary>
    public RunState From { get; }

    /// <summary>The state that was refused.</summary>
    public RunState To { get; }
}

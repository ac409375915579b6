namespace ComfyBot.Core.Jobs;

/// <summary>The rules of a job's life: which states are final and which moves are allowed.</summary>
public static class JobTransitions
{
    /// <summary>Whether <paramref name="state"/> ends a job's life: nothing moves it on.</summary>
    public static bool IsFinal(JobState state) => state >= JobState.Succeeded;

    /// <summary>
    /// Whether a job in <paramref name="from"/> may move to <paramref name="to"/>. Staying in the same state is not a move.
    /// Submitted and Running may go back to Waiting: that is a requeue when a backend is lost.
    /// </summary>
    public static bool CanMove(JobState from, JobState to) => from switch
    {
        JobState.Waiting => to is JobState.Submitted or JobState.Running or JobState.Failed or JobState.Cancelled,
        JobState.Submitted => to is JobState.Waiting or JobState.Running or JobState.Succeeded or JobState.Failed
            or JobState.Cancelled or JobState.Interrupted,

        // A cancel that arrives while running is recorded as Cancelled; an interrupt by an admin as Interrupted.
        JobState.Running => to is JobState.Waiting or JobState.Succeeded or JobState.Failed or JobState.Cancelled
            or JobState.Interrupted,
        _ => false,
    };

    /// <summary>Throws <see cref="JobTransitionException"/> unless <see cref="CanMove"/> allows the move.</summary>
    public static void EnsureCanMove(long jobId, JobState from, JobState to)
    {
        if (!CanMove(from, to))
        {
            throw new JobTransitionException(jobId, from, to);
        }
    }
}

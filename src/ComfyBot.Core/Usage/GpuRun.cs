namespace ComfyBot.Core.Usage;

/// <summary>
/// The GPU time of one run of a job (one attempt on one backend), as stored for fair use: written once, in the same
/// transaction as the move that ends the attempt.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Attempt">The job's attempt number (<c>Job.Attempts</c> when the run ended): the key that makes it count once.</param>
/// <param name="OwnerId">Whose job it is.</param>
/// <param name="OwnerName">Their display name then, for the admin listing.</param>
/// <param name="Backend">Where it ran.</param>
/// <param name="EndedAt">When the bot saw the run end (its clock): the day the time counts on.</param>
/// <param name="GpuTime">How long the server ran it.</param>
/// <param name="Measure">How <paramref name="GpuTime"/> was measured (see <see cref="GpuMeasure"/>).</param>
public sealed record GpuRun(long JobId, int Attempt, ulong OwnerId, string OwnerName, string Backend, DateTimeOffset EndedAt, TimeSpan GpuTime, GpuMeasure Measure);

/// <summary>Where a run's GPU time comes from, most exact first.</summary>
public enum GpuMeasure
{
    /// <summary>The server's own timestamps of <c>execution_start</c> and of the run's end (event stream or /history).</summary>
    Reported,

    /// <summary>Stopped here (a cancel or an admin's interrupt): from the start the bot saw to the stop.</summary>
    UntilStopped,

    /// <summary>No end was reported (the server died or dropped the prompt): from the start the bot saw to the last time it heard the run.</summary>
    UntilLastHeard,
}

using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Usage;

/// <summary>
/// The GPU time of the attempt a move ends, counted for the time that really ran: the server's own start and end
/// timestamps when it reported both; otherwise, from the start the bot saw (<see cref="Job.StartedAt"/>) to the stop
/// when the bot stopped it (a cancel, an interrupt), or to the last time it heard the run (a server that died or
/// dropped the prompt). An attempt that never started on the server has no run.
/// </summary>
internal static class GpuMeter
{
    /// <summary>The run of <paramref name="job"/>'s current attempt, or null when it has none.</summary>
    /// <param name="job">The job as stored before the move that ends the attempt.</param>
    /// <param name="times">What the tracker knew of the run; null when it was never followed.</param>
    /// <param name="stoppedHere">Whether the bot itself stopped the run (a cancel or an admin's interrupt).</param>
    /// <param name="now">The bot's clock now.</param>
    public static GpuRun? Measure(Job job, RunTimes? times, bool stoppedHere, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.State is not (JobState.Submitted or JobState.Running) || job.Backend is null)
        {
            return null;
        }

        times ??= RunTimes.None;
        if (times.Reported is { } reported)
        {
            return Run(job, now, reported, GpuMeasure.Reported);
        }

        if (job is not { State: JobState.Running, StartedAt: { } started })
        {
            // Not seen starting: only a start reported without the Running move (a stop between the two) is a run, of
            // no time the bot can vouch for.
            return times.ServerStartedAt is null ? null : Run(job, now, TimeSpan.Zero, GpuMeasure.UntilLastHeard);
        }

        if (stoppedHere)
        {
            return Run(job, now, Positive(now - started), GpuMeasure.UntilStopped);
        }

        var heard = times.LastHeardRunning is { } last ? Positive(last - started) : TimeSpan.Zero;
        return Run(job, now, heard, GpuMeasure.UntilLastHeard);
    }

    private static GpuRun Run(Job job, DateTimeOffset now, TimeSpan gpu, GpuMeasure measure) =>
        new(job.Id, job.Attempts, job.Owner.MemberId, job.Owner.DisplayName, job.Backend!, now, gpu, measure);

    private static TimeSpan Positive(TimeSpan span) => span > TimeSpan.Zero ? span : TimeSpan.Zero;
}

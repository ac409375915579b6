using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Running;

/// <summary>
/// The job engine's lines for an operator, at Information: each move of a job's run state (who, which workflow, where,
/// and how long it spent in the state it leaves), how many jobs a start recovered, and what a stop leaves behind.
/// </summary>
internal static partial class JobLog
{
    // When each job entered its current state; weak, so a job that leaves memory takes its entry along.
    private static readonly ConditionalWeakTable<ActiveJob, StrongBox<DateTimeOffset>> Since = [];

    /// <summary>The callback an <see cref="ActiveJob"/> calls after each move, logging through <paramref name="engine"/>.</summary>
    public static Action<ActiveJob, RunState, RunState> Moves(JobEngine engine) => (active, from, to) => Moved(engine.Logger, engine.Time, active, from, to);

    private static void Moved(ILogger logger, TimeProvider time, ActiveJob active, RunState from, RunState to)
    {
        if (from == to)
        {
            return;
        }

        var now = time.GetUtcNow();
        var entered = Since.GetValue(active, a => new StrongBox<DateTimeOffset>(a.Job.CreatedAt));
        var spent = now - entered.Value;
        entered.Value = now;
        var job = active.Job;
        LogMoved(logger, job.Id, from, to, Math.Max(0, spent.TotalSeconds), job.Owner.MemberId, job.Workflow, job.Backend ?? "none");
    }

    /// <summary>
    /// The line of a job the store holds already final, its reply not delivered (the bot stopped in between): the move
    /// that ended it happened before the restart, so the line gives the state it ended in and its whole time.
    /// </summary>
    public static void RecoveredFinal(JobEngine engine, Jobs.Job job)
    {
        var took = (job.FinishedAt ?? engine.Time.GetUtcNow()) - job.CreatedAt;
        LogRecoveredFinal(engine.Logger, job.Id, job.State, Math.Max(0, took.TotalSeconds), job.Owner.MemberId, job.Workflow, job.Backend ?? "none");
    }

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Job #{JobId} ended {State} before the restart, after {Seconds:0.0} s: member {MemberId}, workflow {Workflow}, backend {Backend}; its final reply is sent now")]
    private static partial void LogRecoveredFinal(ILogger logger, long jobId, Jobs.JobState state, double seconds, ulong memberId, string workflow, string backend);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Job #{JobId} {From} -> {To} after {Seconds:0.0} s: member {MemberId}, workflow {Workflow}, backend {Backend}")]
    private static partial void LogMoved(ILogger logger, long jobId, RunState from, RunState to, double seconds, ulong memberId, string workflow, string backend);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Recovered {Count} unfinished jobs from the store: {Waiting} waiting, {Reattached} on a GPU server, {Finals} finals to deliver, {Failed} failed (workflow no longer configured)")]
    public static partial void Recovered(ILogger logger, int count, int waiting, int reattached, int finals, int failed);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Job service stopped: {Unfinished} unfinished jobs stay in the store, and the next start picks them up")]
    public static partial void Stopped(ILogger logger, int unfinished);
}

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

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Job #{JobId} {From} -> {To} after {Seconds:0.0} s: member {MemberId}, workflow {Workflow}, backend {Backend}")]
    private static partial void LogMoved(ILogger logger, long jobId, RunState from, RunState to, double seconds, ulong memberId, string workflow, string backend);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Recovered {Count} unfinished jobs from the store: {Waiting} waiting, {Reattached} on a GPU server, {Finals} finals to deliver, {Failed} failed (workflow no longer configured)")]
    public static partial void Recovered(ILogger logger, int count, int waiting, int reattached, int finals, int failed);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Job service stopped: {Unfinished} unfinished jobs stay in the store, and the next start picks them up")]
    public static partial void Stopped(ILogger logger, int unfinished);
}

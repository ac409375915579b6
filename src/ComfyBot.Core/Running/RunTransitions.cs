using System.Collections.Frozen;
using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Running;

/// <summary>
/// The written table of a job's moves in this bot (the state diagram of docs/DESIGN.md). A move not listed is a bug,
/// and <see cref="Ensure"/> throws <see cref="RunTransitionException"/> naming it.
/// </summary>
public static class RunTransitions
{
    private static readonly RunState[] Finals = [RunState.Succeeded, RunState.Failed, RunState.Cancelled, RunState.Interrupted, RunState.Lost];

    /// <summary>Every allowed move: from → the states it may go to.</summary>
    public static FrozenDictionary<RunState, FrozenSet<RunState>> Table { get; } = new Dictionary<RunState, FrozenSet<RunState>>
    {
        // A waiting job is held or let go as the servers and the pause change, taken for a slot, cancelled, or failed
        // when it cannot run at all (its workflow is gone).
        [RunState.Waiting] = Set(RunState.Held, RunState.Dispatching, RunState.Cancelled, RunState.Failed),
        [RunState.Held] = Set(RunState.Waiting, RunState.Dispatching, RunState.Cancelled, RunState.Failed),

        // A dispatch ends in ComfyUI's queue, back in ours (the server refused or went down), or final.
        [RunState.Dispatching] = Set(RunState.Submitted, RunState.Waiting, RunState.Failed, RunState.Cancelled),

        // On a server: it runs, ends (a quick run may end before any progress is seen), or moves back when the server dies.
        [RunState.Submitted] = Set(RunState.Running, RunState.Concluding, RunState.Waiting, RunState.Failed, RunState.Cancelled, RunState.Interrupted),
        [RunState.Running] = Set(RunState.Concluding, RunState.Waiting, RunState.Failed, RunState.Cancelled, RunState.Interrupted, RunState.Lost),

        // The outcome is known: final, or (lost by the server, with requeues left) back in line.
        [RunState.Concluding] = Set(RunState.Succeeded, RunState.Failed, RunState.Cancelled, RunState.Interrupted, RunState.Lost, RunState.Waiting),
    }.ToFrozenDictionary();

    /// <summary>Whether nothing moves a job on from <paramref name="state"/>.</summary>
    public static bool IsFinal(RunState state) => Finals.Contains(state);

    /// <summary>Whether a job with a backend slot is in <paramref name="state"/> (its dispatch owns it).</summary>
    public static bool OnBackend(RunState state) => state is RunState.Dispatching or RunState.Submitted or RunState.Running or RunState.Concluding;

    /// <summary>Whether <paramref name="from"/> may move to <paramref name="to"/>. Staying put is not a move.</summary>
    public static bool CanMove(RunState from, RunState to) => Table.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>Throws <see cref="RunTransitionException"/> unless the table lists the move.</summary>
    public static void Ensure(long jobId, RunState from, RunState to)
    {
        if (!CanMove(from, to))
        {
            throw new RunTransitionException(jobId, from, to);
        }
    }

    /// <summary>Where a job stored in <paramref name="state"/> starts when the bot (re)loads it.</summary>
    public static RunState From(JobState state) => state switch
    {
        JobState.Waiting => RunState.Waiting,
        JobState.Submitted => RunState.Submitted,
        JobState.Running => RunState.Running,
        JobState.Succeeded => RunState.Succeeded,
        JobState.Cancelled => RunState.Cancelled,
        JobState.Interrupted => RunState.Interrupted,
        _ => RunState.Failed,
    };

    /// <summary>The final run state a stored final state ends in.</summary>
    public static RunState Final(JobState state) => JobTransitions.IsFinal(state)
        ? From(state)
        : throw new ArgumentOutOfRangeException(nameof(state), state, "Only a final stored state has a final run state.");

    private static FrozenSet<RunState> Set(params RunState[] states) => states.ToFrozenSet();
}

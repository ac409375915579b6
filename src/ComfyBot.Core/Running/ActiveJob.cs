using ComfyBot.Comfy;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Running;

/// <summary>
/// The in-memory side of an unfinished job: its run state (moved only along <see cref="RunTransitions"/>), its reply
/// and what is needed to stop it.
/// </summary>
internal sealed class ActiveJob(Job job, ReplyThrottle reply) : IDisposable
{
    private readonly Lock _stateGate = new();

    public Job Job { get; set; } = job;

    public ReplyThrottle Reply { get; } = reply;

    /// <summary>The span of the job's whole life (<see cref="JobTelemetry"/>); null while nothing listens.</summary>
    public System.Diagnostics.Activity? Span { get; init; }

    /// <summary>Called after each move with the state left and the state entered (the operator's log line, <see cref="JobLog"/>).</summary>
    public Action<ActiveJob, RunState, RunState>? Moved { get; init; }

    /// <summary>Where the job is; starts from its stored state.</summary>
    public RunState State { get; private set; } = RunTransitions.From(job.State);

    /// <summary>Moves the job on; a move the table does not list is a bug and throws <see cref="RunTransitionException"/>.</summary>
    public void MoveTo(RunState to)
    {
        RunState from;
        lock (_stateGate)
        {
            RunTransitions.Ensure(Job.Id, State, to);
            (from, State) = (State, to);
        }

        Moved?.Invoke(this, from, to);
    }

    /// <summary>Moves the job on only while it is in <paramref name="from"/> (e.g. held or let go while it waits).</summary>
    public bool TryMoveFrom(RunState from, RunState to)
    {
        lock (_stateGate)
        {
            if (State != from)
            {
                return false;
            }

            RunTransitions.Ensure(Job.Id, State, to);
            State = to;
        }

        Moved?.Invoke(this, from, to);
        return true;
    }

    /// <summary>
    /// Moves the job to the final <paramref name="to"/>; false when another path ended it first (the store's final
    /// transition then decides, as before). Any other move the table does not list throws.
    /// </summary>
    public bool TryEnd(RunState to)
    {
        RunState from;
        lock (_stateGate)
        {
            if (RunTransitions.IsFinal(State))
            {
                return false;
            }

            from = State;
            RunTransitions.Ensure(Job.Id, State, to);
            State = to;
        }

        Moved?.Invoke(this, from, to);
        return true;
    }

    /// <summary>Whether the job waits in the fair queue (held or not), rather than being on a backend or finished.</summary>
    public bool IsWaiting => State is RunState.Waiting or RunState.Held;

    public string? CancelledBy { get; set; }

    /// <summary>Set with <see cref="CancelledBy"/> when an admin interrupted the backend: the job ends Interrupted, not Cancelled.</summary>
    public bool Interrupted { get; set; }

    /// <summary>A line shown under the queued position until the job is submitted again (offline server, lost job).</summary>
    public string? WaitingNote { get; set; }

    private readonly Lock _gate = new();
    private string? _lastText;

    /// <summary>Posts a progress state unless it would repeat the last one word for word (an edit that changes nothing).</summary>
    public void Show(ReplyState state)
    {
        lock (_gate)
        {
            if (state.Preview is null && state.Text == _lastText)
            {
                return;
            }

            _lastText = state.Text;
            Reply.Post(state);
        }
    }

    /// <summary>
    /// Its saved images, fetched as their <c>executed</c> events arrived (null when that fetch failed and the end
    /// must try again); only the job's follow task uses it, and a return to the queue clears it.
    /// </summary>
    public Dictionary<ComfyFile, Task<ReplyImage?>> Fetched { get; } = [];

    /// <summary>Set when the backend the job waits on went down: the stop is a move back to the fair queue, not a cancel.</summary>
    public string? MovingFrom { get; set; }

    public CancellationTokenSource Stop { get; private set; } = new();

    /// <summary>A fresh stop for the next attempt, after a move cancelled the last one.</summary>
    /// <remarks>
    /// The old source is left to the GC rather than disposed: a cancel racing the move may still call it, and a source
    /// without a timer or wait handle holds nothing that needs disposing.
    /// </remarks>
    public void RenewStop() => Stop = new CancellationTokenSource();

    public void Dispose() => Stop.Dispose();
}

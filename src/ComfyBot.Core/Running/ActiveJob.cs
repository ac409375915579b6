using ComfyBot.Comfy;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Running;

/// <summary>
/// The in-memory side of an unfinished job: its run state (moved only along <see cref="RunTransitions"/>) with why it
/// stops (<see cref="Stopping"/>) or waits again (<see cref="WaitNote"/>), both set with the move they explain, its
/// reply and its stop token.
/// </summary>
internal sealed class ActiveJob(Job job, ReplyThrottle reply) : IDisposable
{
    private readonly Lock _stateGate = new();
    private StopReason? _stopping;
    private string? _waitNote;
    private Job _job = WithoutChatTarget(job);

    /// <summary>
    /// The job as last stored, without its <see cref="Job.ChatTarget"/>: the reply's view was made from that text before
    /// (<see cref="JobEngine.NewActive"/>), the store keeps it and never takes it from here, and a queue of 10,000 jobs
    /// held 10,000 copies of it, about 1.3 KB each (issue 15). Read the store for it.
    /// </summary>
    public Job Job
    {
        get => _job;
        set => _job = WithoutChatTarget(value);
    }

    public ReplyThrottle Reply { get; } = reply;

    /// <summary>
    /// The times of the attempt being followed on a server (from its tracker), for its GPU time when the attempt ends;
    /// null while none is followed. Set and cleared by the run (see <c>JobRunner</c> and <c>JobEndings</c>).
    /// </summary>
    public Comfy.Tracking.RunClock? Clock { get; set; }

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

            // On a server again: why it waited no longer holds.
            if (to == RunState.Submitted)
            {
                _waitNote = null;
            }
        }

        Moved?.Invoke(this, from, to);
    }

    /// <summary>
    /// Moves the job back to <see cref="RunState.Waiting"/> from a run that could not finish, <paramref name="why"/> shown
    /// under its place (null: nothing to tell, e.g. a job whose server left the configuration before a restart).
    /// </summary>
    public void MoveBack(string? why)
    {
        RunState from;
        lock (_stateGate)
        {
            RunTransitions.Ensure(Job.Id, State, RunState.Waiting);
            (from, State) = (State, RunState.Waiting);
            _waitNote = why;
        }

        Moved?.Invoke(this, from, RunState.Waiting);
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

    private readonly Lock _gate = new();

    // The last text posted, as its length and a 64-bit hash rather than the text (issue 15: a queued job kept its last
    // place text, about 0.3 KB, only to compare the next one with it). Two different texts of one length that hash
    // alike would skip an edit; at 64 bits that is about one chance in 10^19 per edit.
    private int _lastTextLength = -1;
    private ulong _lastTextHash;
    private Dictionary<ComfyFile, Task<ReplyImage?>>? _fetched;

    /// <summary>
    /// The place in line its reply was last shown and when (null before the first), for <see cref="WaitingReplies"/>
    /// alone: a far place is shown again only once it moved enough or grew old. Only the dispatch loop touches it.
    /// </summary>
    public (int Place, DateTimeOffset At)? PlaceShown { get; set; }

    /// <summary>Posts a progress state unless it would repeat the last one word for word (an edit that changes nothing).</summary>
    public void Show(ReplyState state)
    {
        lock (_gate)
        {
            var hash = TextHash(state.Text);
            if (state.Preview is null && state.Text.Length == _lastTextLength && hash == _lastTextHash)
            {
                return;
            }

            (_lastTextLength, _lastTextHash) = (state.Text.Length, hash);
            Reply.Post(state);
        }
    }

    /// <summary>
    /// Its saved images, fetched as their <c>executed</c> events arrived (null when that fetch failed and the end
    /// must try again); only the job's follow task uses it, and a return to the queue drops it (<see cref="ForgetFetched"/>).
    /// Made on first use: a queued job holds none (issue 15).
    /// </summary>
    public Dictionary<ComfyFile, Task<ReplyImage?>> Fetched => _fetched ??= [];

    /// <summary>Whether <see cref="Fetched"/> was made and not dropped since (what a queued job keeps, for tests).</summary>
    internal bool HoldsFetched => _fetched is not null;

    /// <summary>Drops the saved images fetched for a run that will not finish: the next run fetches its own.</summary>
    public void ForgetFetched() => _fetched = null;

    public CancellationTokenSource Stop { get; private set; } = new();

    /// <summary>Why <see cref="Stop"/> fired or is about to (null while nothing stopped the run).</summary>
    public StopReason? Stopping
    {
        get { lock (_stateGate) { return _stopping; } }
    }

    /// <summary>Whether a cancel or an interrupt was asked for: the run ends the job when it sees its stop.</summary>
    public bool IsEnding => Stopping is { EndsJob: true };

    /// <summary>
    /// Why the job waits again after a run that could not finish (its server was offline, went down or lost it): shown
    /// under its place in line until it is submitted again. Set only with the move back to <see cref="RunState.Waiting"/>.
    /// </summary>
    public string? WaitNote
    {
        get { lock (_stateGate) { return _waitNote; } }
    }

    /// <summary>
    /// Records why the run is to stop; the caller then fires <see cref="Stop"/> (or, for a job still in the fair queue,
    /// removes it). A cancel or an interrupt is taken once, and it overrides a move that has not been acted on (the job
    /// then ends as asked rather than going back to the queue). A move is taken only from a job on a server
    /// (Submitted or Running) that nothing stopped yet. False when the reason is not taken.
    /// </summary>
    public bool TryStop(StopReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (_stateGate)
        {
            var taken = reason.EndsJob
                ? _stopping is null or StopReason.MoveOff
                : _stopping is null && State is RunState.Submitted or RunState.Running;
            if (taken)
            {
                _stopping = reason;
            }

            return taken;
        }
    }

    /// <summary>
    /// Ends a move off a dead server that the run has acted on: the run gets a fresh stop for its next attempt. False when
    /// a cancel or an interrupt replaced the move meanwhile: the job is to end, not to go back.
    /// </summary>
    /// <remarks>
    /// The old source is left to the GC rather than disposed: a cancel racing the move may still call it, and a source
    /// without a timer or wait handle holds nothing that needs disposing.
    /// </remarks>
    public bool TryFinishMove()
    {
        lock (_stateGate)
        {
            if (_stopping is not StopReason.MoveOff)
            {
                return false;
            }

            _stopping = null;
            Stop = new CancellationTokenSource();
            return true;
        }
    }

    public void Dispose() => Stop.Dispose();

    // FNV-1a over the UTF-16 code units: deterministic, and it allocates nothing.
    private static ulong TextHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private static Job WithoutChatTarget(Job job) => job.ChatTarget is null ? job : job with { ChatTarget = null };
}

using ComfyBot.Core.Backends;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Scheduling;

namespace ComfyBot.Core.Running;

/// <summary>
/// Tells waiting jobs where they stand and why they wait (<see cref="WaitConditions"/>), after each dispatch round, without walking the whole queue on
/// every round. A round shows at once what must not lag: every reply when why jobs wait changes (a pause, a server
/// lost or back, a workflow no reachable server can run), the jobs just queued, returned or bumped, and the first few
/// places. The other places (each take moves every one of them) are shown at most once per reply interval: a reply
/// sends at most one edit per interval anyway, so refreshing it more often only replaces a state nobody sees, and
/// draining a queue of n jobs cost O(n) per take, O(n²) in all (issue 15). A timer brings the next full refresh when
/// places changed and no round comes.
/// <para>
/// Even once per interval was too often far back: every place moves on every take, so each waiting reply was edited
/// every interval while it waited, REST edits per job grew with the queue, and a drain of 3,000 fell to 2 jobs/s under
/// 1,000 edits/s (issue 15). A full refresh therefore shows a place past <see cref="FrontPlaces"/> again only when it
/// moved by a quarter or more since it was last shown (#400 is shown again at #300), or when it moved at all and was
/// shown <see cref="FarIntervals"/> intervals ago or more. Such a place is not kept current, so its text says when it
/// was true ("as of" a Discord timestamp): it never looks fresher than it is.
/// </para>
/// <para>
/// A full refresh no longer computes every place to find the few that are due (issue 15: at 10,000 waiting, each one
/// walked the whole queue). While the scheduler keeps its order (<see cref="FairScheduler.OrderMoves"/>: takes from
/// the head and jobs joining the back of a lane), no place moves by more than one per move, so each reply shown is
/// filed under the move count at which it could first be due (a quarter of its place later; only the moves that can
/// reach its place are counted, see <see cref="OrderMoveCounts"/>) and, far back, under the
/// time its <see cref="FarIntervals"/> run out. A full refresh looks only at the first places, the marked jobs and the
/// replies whose count or time has come; one whose place moved less than it seemed is filed again under a later count.
/// It shows exactly the replies a walk of every place would show. When the order was played afresh (a bump, a
/// removal, a return, a new turn that lifts V past the kept one behind it) any place may have moved anywhere, so the next full refresh walks every
/// place, as before, and files every reply again.
/// </para>
/// </summary>
internal sealed class WaitingReplies : IDisposable
{
    /// <summary>Places shown on every round: the next members in line see each move as it happens.</summary>
    public const int FrontPlaces = 10;

    /// <summary>A far place is shown again once it moved by at least 1/FarShare of itself.</summary>
    public const int FarShare = 4;

    /// <summary>A far place that moved less is shown again after this many reply intervals.</summary>
    public const int FarIntervals = 40;

    private readonly JobEngine _engine;
    private readonly Lock _gate = new();
    private readonly HashSet<long> _marked = [];
    private readonly DueReplies _due;
    private readonly ITimer _catchUp;
    private string? _shownReasons;
    private long _shownVersion = -1;
    private int _shownForeign = -1;
    private DateTimeOffset _lastFull = DateTimeOffset.MinValue;
    private long _refreshed;
    private long _walked;
    private long _fullRefreshes;
    private int _lastFullLooked;
    private int _inRound;

    public WaitingReplies(JobEngine engine)
    {
        _engine = engine;
        _due = new DueReplies(engine);
        _catchUp = engine.Time.CreateTimer(_ => engine.Wake(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How many waiting replies the rounds have refreshed so far: what a round costs, for tests and benchmarks.</summary>
    public long Refreshed => Interlocked.Read(ref _refreshed);

    /// <summary>How many waiting replies the rounds have looked at (shown or not): what finding the due ones costs, for tests and benchmarks.</summary>
    public long Walked => Interlocked.Read(ref _walked);

    /// <summary>
    /// For tests (off otherwise): each full refresh that looks only at the filed replies also walks every place, as
    /// before, and records a mismatch in <see cref="CheckMismatches"/> when the two would show different replies or places.
    /// </summary>
    internal bool CheckAgainstWalk { get; set; }

    /// <summary>The differences <see cref="CheckAgainstWalk"/> found, each described.</summary>
    internal List<string> CheckMismatches { get; } = [];

    private int _checkedRounds;

    /// <summary>The full refreshes checked against a walk of every place so far.</summary>
    internal int CheckedRounds => Volatile.Read(ref _checkedRounds);

    /// <summary>Shows <paramref name="jobId"/>'s place at the next round, wherever it is (a job just queued, returned or bumped).</summary>
    public void Mark(long jobId)
    {
        lock (_gate)
        {
            _marked.Add(jobId);
        }
    }

    /// <summary>The full refreshes so far (see the class remarks), for tests.</summary>
    internal long FullRefreshes => Interlocked.Read(ref _fullRefreshes);

    /// <summary>How many replies the last full refresh looked at (the filed ones due, the first places, the marked jobs; or every place), for tests.</summary>
    internal int LastFullLooked => Volatile.Read(ref _lastFullLooked);

    /// <summary>
    /// Whether every job marked so far was taken by a round that has finished: a test that counts what one full
    /// refresh looks at waits for this, or marks still pending would be counted in it.
    /// </summary>
    internal bool Settled
    {
        get
        {
            lock (_gate)
            {
                return _marked.Count == 0 && Volatile.Read(ref _inRound) == 0;
            }
        }
    }

    /// <summary>One round, run by the dispatcher after it handed jobs out (one caller at a time).</summary>
    public void Refresh()
    {
        Interlocked.Increment(ref _inRound);
        try
        {
            RefreshRound();
        }
        finally
        {
            Interlocked.Decrement(ref _inRound);
        }
    }

    private void RefreshRound()
    {
        var scheduler = _engine.Scheduler;
        var marked = TakeMarked();
        var version = scheduler.Version;
        var conditions = WaitConditions.Read(_engine, scheduler.IsPaused);
        var reasons = conditions.Key;
        var foreign = ForeignQueued();
        var now = _engine.Time.GetUtcNow();
        var interval = _engine.Options.Reply.Interval;
        var placesMoved = version != _shownVersion || foreign != _shownForeign;
        var reasonsChanged = reasons != _shownReasons;

        // Read before any place is computed: a count filed from it is never later than the one it stands for.
        var moves = scheduler.MoveCounts;
        var epoch = moves.Epoch;
        List<(int Place, long JobId)> shown;
        if (reasonsChanged || (placesMoved && now - _lastFull >= interval))
        {
            if (reasonsChanged || !_due.Tracks(epoch))
            {
                shown = [.. scheduler.Order().Select(p => (p.Position, p.Job.JobId))];
                _due.Restart(epoch);
            }
            else
            {
                shown = DueOrMarked(scheduler, marked, moves, now);
                if (CheckAgainstWalk)
                {
                    CheckAgainstWalkOf(scheduler, version, shown, marked, now, interval);
                }
            }

            (_shownReasons, _shownVersion, _shownForeign, _lastFull) = (reasons, version, foreign, now);
            Volatile.Write(ref _lastFullLooked, shown.Count);
            Interlocked.Increment(ref _fullRefreshes);
        }
        else
        {
            // A round that moved no place (a wake for a hold, a finished reply) shows only what was marked.
            shown = FrontAndMarked(scheduler, placesMoved ? FrontPlaces : 0, marked);
            if (placesMoved)
            {
                // Not due yet: the next full refresh comes with a round or, if none comes, with this timer.
                _catchUp.Change(_lastFull + interval - now, Timeout.InfiniteTimeSpan);
            }
        }

        // An order played afresh while this round ran: the counts filed in it may not hold, so the next full refresh walks.
        if (scheduler.OrderMoves.Epoch != epoch)
        {
            _due.Forget();
        }

        if (shown.Count == 0)
        {
            return;
        }

        var activity = Activity();
        var mustShow = reasonsChanged ? null : marked.ToHashSet();
        foreach (var (place, jobId) in shown)
        {
            Interlocked.Increment(ref _walked);
            if (_engine.Find(jobId) is not { } active)
            {
                continue;
            }

            if (active.IsWaiting
                && (mustShow is null || place <= FrontPlaces || mustShow.Contains(jobId) || FarDue(active.PlaceShown, place, now, interval)))
            {
                Show(active, place, conditions.ReasonFor(active.Job), foreign, activity, now);
                if (place <= FrontPlaces)
                {
                    _due.ShownAtFront(jobId);
                }
                else
                {
                    _due.File(jobId, active.PlaceShown, place, moves, now, interval, timed: false);
                }
            }
            else
            {
                // Not due yet (or not waiting just now): filed under the first count or time at which it could be.
                _due.File(jobId, active.PlaceShown, place, moves, now, interval, _due.CameUpByTime(jobId));
            }
        }
    }

    /// <summary>
    /// The places a full refresh must look at while the order is kept: the first places, the marked jobs, and the
    /// replies whose move count or time has come, in place order (the order a walk of every place shows them in).
    /// </summary>
    private List<(int Place, long JobId)> DueOrMarked(FairScheduler scheduler, List<long> marked, OrderMoveCounts moves, DateTimeOffset now)
    {
        var ids = _due.Collect(scheduler.Head(FrontPlaces).Select(p => p.Job.JobId), marked, moves, now);
        var places = new int?[ids.Count];
        scheduler.PositionsOf(ids, places);
        var shown = new List<(int Place, long JobId)>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            if (places[i] is { } place)
            {
                shown.Add((place, ids[i]));
            }
        }

        shown.Sort((a, b) => a.Place.CompareTo(b.Place));
        return shown;
    }

    private void CheckAgainstWalkOf(FairScheduler scheduler, long version, List<(int Place, long JobId)> shown, List<long> marked, DateTimeOffset now, TimeSpan interval)
    {
        var markedSet = marked.ToHashSet();
        bool Due((int Place, long JobId) p) =>
            _engine.Find(p.JobId) is { IsWaiting: true } active
            && (p.Place <= FrontPlaces || markedSet.Contains(p.JobId) || FarDue(active.PlaceShown, p.Place, now, interval));

        var walked = scheduler.Order().Select(p => (p.Position, p.Job.JobId)).Where(Due).ToList();

        // A job queued while this round ran is in the walk but not yet marked (its mark comes with the next round):
        // only a round the order did not change under, up to the walk, compares like with like.
        if (scheduler.Version != version)
        {
            return;
        }

        var filed = shown.Where(Due).ToList();
        lock (CheckMismatches)
        {
            if (!walked.SequenceEqual(filed))
            {
                CheckMismatches.Add($"at {now:O}: a walk shows [{string.Join(", ", walked.Select(p => $"#{p.Item1} job {p.JobId}"))}], the filed replies [{string.Join(", ", filed.Select(p => $"#{p.Place} job {p.JobId}"))}]");
            }
        }

        Interlocked.Increment(ref _checkedRounds);
    }

    /// <summary>Whether a far place moved enough, or long enough ago, to be shown again (see the class remarks).</summary>
    private static bool FarDue((int Place, DateTimeOffset At)? last, int place, DateTimeOffset now, TimeSpan interval) =>
        last is not { } shown
        || (long)Math.Abs(shown.Place - place) * FarShare >= shown.Place
        || (shown.Place != place && now - shown.At >= interval * FarIntervals);

    public void Dispose() => _catchUp.Dispose();

    private void Show(ActiveJob active, int place, string? reason, int foreign, BackendActivity[] activity, DateTimeOffset now)
    {
        // The reply's send loop starts here and inherits the scope, so its lines name the job.
        using var logScope = JobEngine.LogScope(_engine.Logger, active.Job.Id);
        using var span = JobTelemetry.Within(active);
        _ = reason is null ? active.TryMoveFrom(RunState.Held, RunState.Waiting) : active.TryMoveFrom(RunState.Waiting, RunState.Held);

        // No estimate while nothing can start it: it would be a guess presented as a promise.
        var state = QueuedState(place, foreign, reason is null ? activity : null, place > FrontPlaces ? now : null);
        active.PlaceShown = (place, now);
        var lines = new List<string>(3) { state.Text };
        if (active.WaitNote is { } note && note != reason)
        {
            lines.Add(note);
        }

        if (reason is not null)
        {
            lines.Add(reason);
        }

        active.Show(state with { Text = string.Join('\n', lines) });
        Interlocked.Increment(ref _refreshed);
    }

    private static List<(int Place, long JobId)> FrontAndMarked(FairScheduler scheduler, int front, List<long> marked)
    {
        List<(int Place, long JobId)> shown = [.. scheduler.Head(front).Select(p => (p.Position, p.Job.JobId))];
        foreach (var jobId in marked)
        {
            if (scheduler.PositionOf(jobId) is { } place && place > front)
            {
                shown.Add((place, jobId));
            }
        }

        return shown;
    }

    private List<long> TakeMarked()
    {
        lock (_gate)
        {
            List<long> marked = [.. _marked];
            _marked.Clear();
            return marked;
        }
    }

    // Ahead of a waiting job: the bot's jobs before it plus prompts other clients put on the live servers.
    // EstimateStart walks every job ahead, so estimating all n places costs O(n²) per round; past the horizon the
    // number would be a guess anyway.
    // A far place is not kept current (see the class remarks), so it says when it was true.
    private ReplyState QueuedState(int position, int foreign, BackendActivity[]? activity, DateTimeOffset? asOf) =>
        ReplyState.Progress(ProgressView.Queued(
            position,
            position - 1 + foreign,
            activity is not null && position <= _engine.Options.EtaHorizon ? _engine.Eta.EstimateStart(position, activity) : null,
            asOf)) with { Place = position };

    private int ForeignQueued() => _engine.Backends.Where(b => b.Health.IsUp).Sum(b => b.Health.ForeignQueued);

    private BackendActivity[] Activity() => [.. _engine.Slots.Snapshot().Select(l => new BackendActivity(l.Name, l.InFlight))];
}

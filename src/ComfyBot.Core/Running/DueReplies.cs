using ComfyBot.Core.Scheduling;

namespace ComfyBot.Core.Running;

/// <summary>
/// The waiting replies shown, filed under the scheduler's move count at which their place could first be due to be
/// shown again and, far back, under the time their <see cref="WaitingReplies.FarIntervals"/> run out: what lets a full
/// refresh of <see cref="WaitingReplies"/> look at the first places, the marked jobs and the replies whose count or time
/// has come instead of at every place (issue 15). Filed entries hold while the scheduler keeps its order (one epoch):
/// each move shifts a place by at most one, so a filed count is never later than the one that could make it due. A
/// reply is filed by the band of its place, under that band's count of the moves that can reach it
/// (<see cref="OrderMoveCounts.ForBand"/>): a reply not yet due has moved by less than a third of its place, so it stays
/// where those counts hold.
/// One caller at a time (the dispatcher's round).
/// </summary>
internal sealed class DueReplies(JobEngine engine)
{
    private readonly HashSet<long> _timed = [];

    // Replies last shown at one of the first places: looked at again on the next full refresh rather than filed, since
    // the first places are shown on every round that moved places (filing each of those shows would pile up entries
    // while no move comes, as when a queue only grows at its back).
    private readonly HashSet<long> _frontShown = [];

    // The replies shown, by the scheduler's move count at which their place could first be due again, and (far places)
    // by the time their FarIntervals run out; entries of a reply shown again since are dropped when they come up.
    private readonly PriorityQueue<Due, long>?[] _byMoves = new PriorityQueue<Due, long>?[OrderMoveCounts.Bands];
    private readonly PriorityQueue<Due, DateTimeOffset> _byTime = new();

    // The order epoch the entries above were filed in; another epoch means any place may have moved anywhere.
    private long _trackedEpoch = -1;

    /// <summary>Whether the entries were filed in this order epoch, so that they still hold.</summary>
    public bool Tracks(long epoch) => epoch == _trackedEpoch;

    /// <summary>Drops every entry: a walk of every place files them again, in <paramref name="epoch"/>.</summary>
    public void Restart(long epoch)
    {
        Array.ForEach(_byMoves, q => q?.Clear());
        _byTime.Clear();
        _frontShown.Clear();
        _trackedEpoch = epoch;
    }

    /// <summary>The order was played afresh while a round filed entries: the next full refresh walks every place.</summary>
    public void Forget() => _trackedEpoch = -1;

    /// <summary>A reply just shown at one of the first places: looked at again on the next full refresh.</summary>
    public void ShownAtFront(long jobId) => _frontShown.Add(jobId);

    /// <summary>Whether <paramref name="jobId"/> came up (in the last <see cref="Collect"/>) by its time, and so is filed by time no more.</summary>
    public bool CameUpByTime(long jobId) => _timed.Contains(jobId);

    /// <summary>
    /// The jobs a full refresh must look at while the order is kept: <paramref name="front"/> (the first places),
    /// the marked jobs, the replies shown at a first place since the last full refresh, and the filed replies whose
    /// move count or time has come; each once, in that order.
    /// </summary>
    public List<long> Collect(IEnumerable<long> front, List<long> marked, OrderMoveCounts moves, DateTimeOffset now)
    {
        var ids = new List<long>();
        var seen = new HashSet<long>();
        _timed.Clear();
        foreach (var jobId in front.Concat(marked))
        {
            if (seen.Add(jobId))
            {
                ids.Add(jobId);
            }
        }

        // Shown at a first place since the last full refresh: still there (shown again), or slipped back (filed now).
        foreach (var jobId in _frontShown)
        {
            if (seen.Add(jobId))
            {
                ids.Add(jobId);
            }
        }

        _frontShown.Clear();

        for (var band = 0; band < _byMoves.Length; band++)
        {
            if (_byMoves[band] is not { Count: > 0 } filed)
            {
                continue;
            }

            var reached = moves.ForBand(band);
            while (filed.TryPeek(out var due, out var count) && count <= reached)
            {
                filed.Dequeue();
                Consider(due, ids, seen);
            }
        }

        while (_byTime.TryPeek(out var due, out var at) && at <= now)
        {
            _byTime.Dequeue();
            Consider(due, ids, seen);
        }

        return ids;
    }

    /// <summary>
    /// Files a reply last shown at <paramref name="last"/> and now at <paramref name="place"/>, not due: under the
    /// fewest further moves that could make it due (each move shifts a place by at most one), and, once far back,
    /// under the time its <see cref="WaitingReplies.FarIntervals"/> run out.
    /// </summary>
    public void File(long jobId, (int Place, DateTimeOffset At)? last, int place, OrderMoveCounts moves, DateTimeOffset now, TimeSpan interval, bool timed)
    {
        var band = OrderMoveCounts.BandOf(place);
        var byMoves = _byMoves[band] ??= new PriorityQueue<Due, long>();
        var reached = moves.ForBand(band);
        if (last is not { } shown)
        {
            // Never shown (it was not waiting when its round came): the next full refresh looks at it again.
            byMoves.Enqueue(new Due(jobId, 0, default, Timed: false), reached);
            return;
        }

        var due = new Due(jobId, shown.Place, shown.At, timed);
        var expires = shown.At + (interval * WaitingReplies.FarIntervals);
        if (now >= expires)
        {
            // Its time is up: any move makes it due.
            byMoves.Enqueue(due, reached + 1);
            return;
        }

        if (!timed && place > WaitingReplies.FrontPlaces)
        {
            due = due with { Timed = true };
            _byTime.Enqueue(due, expires);
        }

        // A first place is shown on every round while it stays one; one that slips back is looked at after one move.
        var needed = place <= WaitingReplies.FrontPlaces ? 1 : Math.Max(1, ((shown.Place + WaitingReplies.FarShare - 1) / WaitingReplies.FarShare) - Math.Abs(shown.Place - place));
        byMoves.Enqueue(due, reached + needed);
    }

    /// <summary>An entry whose count or time came: looked at, unless its reply was shown again since (a newer entry stands for it).</summary>
    private void Consider(Due due, List<long> ids, HashSet<long> seen)
    {
        if (engine.Find(due.JobId) is not { } active || active.PlaceShown != (due.Place == 0 ? ((int, DateTimeOffset)?)null : (due.Place, due.At)))
        {
            return;
        }

        if (due.Timed)
        {
            _timed.Add(due.JobId);
        }

        if (seen.Add(due.JobId))
        {
            ids.Add(due.JobId);
        }
    }

    /// <summary>A filed reply: the place and time it was shown at (place 0: never shown), and whether it is also filed by time.</summary>
    private readonly record struct Due(long JobId, int Place, DateTimeOffset At, bool Timed);
}

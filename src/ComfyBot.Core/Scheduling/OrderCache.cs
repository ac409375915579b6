namespace ComfyBot.Core.Scheduling;

/// <summary>
/// The fair order as <see cref="FairOrder.Simulate(LinkedList{QueuedJob}, LinkedList{QueuedJob}, Dictionary{ulong, MemberLane}, double, int, List{FairOrder.PlayedTurn}?, Dictionary{ulong, double}?)"/>
/// last played it, kept while jobs are taken from its head and while jobs join the back of their member's lane.
/// <list type="bullet">
/// <item>Taking the job the simulation put first leaves the scheduler exactly where the simulation was after its first
/// step, so the rest of the order stands and only the head moves: draining a queue costs one simulation, not one per take.</item>
/// <item>A job that joins the back of its member's lane goes in at the place the simulation would give it, and nothing
/// else moves but the places behind it (one further back), whatever the weights (issue 15: before, every enqueue
/// dropped the order and the next place shown played it again, O(waiting) per job; first with one weight only). Each
/// kept place holds its turn's finish and V once it was handed out (V before place t is V after place t-1). The play
/// adding the job is the kept play until the first place t, after its member's last kept turn, at which its turn,
/// finishing at max(V before t, its member's last finish) + 1/weight, goes first: that is its place. While V before t
/// is at most its member's last finish its finish is fixed and the kept places are sorted by finish, so that stretch
/// is searched by bisection; past it (V has passed the member's last finish, as for a member new to the queue) the
/// finish grows with V, so the places are looked at one by one, at most <see cref="ScanLimit"/> of them. The rest of
/// the order stands exactly when V after the place it took it from is still at least the new turn's start: every
/// waiting turn's next start is max(V, its last finish), the new turn lifts V to at most its own start, and the
/// kept turn after it lifted V at least that far anyway. With one weight that always holds.</item>
/// </list>
/// When the rest would not stand (the new turn lifts V past where the kept turn after it would have: a member of a
/// higher weight whose turn starts later than turns of lower weights), when the scan would go past its limit, and on
/// any other change (a return, a bump, a removal, a take that skipped the head, an enqueue out of arrival order) the
/// order is dropped, and the next read plays it again.
/// </summary>
internal sealed class OrderCache
{
    // Taken entries stay before the head until this many pile up and they are half the list, then go in one move.
    private const int CompactAfter = 1024;

    /// <summary>The most stretches of one V searched to place a job (see <see cref="TryInsert"/>); past them the order is played again.</summary>
    public const int ScanLimit = 256;

    private readonly List<Entry> _order = [];
    private readonly Dictionary<long, Entry> _byId = [];
    private readonly Dictionary<ulong, double> _lastFinish = [];
    private readonly long[] _insertsByBand = new long[OrderMoveCounts.Bands];
    private bool _valid;
    private int _head;

    // Entries before this index are bumped and returned jobs: they go before every turn and have no finish of their own.
    private int _front;

    public bool IsValid => _valid;

    /// <summary>How many jobs the kept order holds (0 when it is not valid).</summary>
    public int Count => _valid ? _order.Count - _head : 0;

    /// <summary>Goes up each time the kept order is dropped: any place may have moved any distance since.</summary>
    public long Epoch { get; private set; }

    /// <summary>Head takes and inserts ahead of some kept job so far: each moves any kept place by at most one (an insert at the back moves none).</summary>
    public long Moves { get; private set; }

    /// <summary>Head takes so far: each moves every kept place by one.</summary>
    public long Takes { get; private set; }

    /// <summary>The moves so far by where they happened (see <see cref="OrderMoveCounts"/>).</summary>
    public OrderMoveCounts Counts => new(Epoch, Takes, [.. _insertsByBand]);

    /// <summary>Kept places compared with jobs being placed so far (bisection steps and places looked at one by one): what an enqueue costs, for tests.</summary>
    public long Compared { get; private set; }

    public void Fill(List<QueuePosition> order, List<FairOrder.PlayedTurn> turns, Dictionary<ulong, double> lastFinishes)
    {
        Clear();
        for (var i = 0; i < order.Count; i++)
        {
            var entry = new Entry(order[i].Job, turns[i].Finish, turns[i].VirtualTime);
            _order.Add(entry);
            _byId[entry.Job.JobId] = entry;
            if (double.IsNegativeInfinity(entry.Finish))
            {
                _front = i + 1;
            }
        }

        foreach (var (member, finish) in lastFinishes)
        {
            _lastFinish[member] = finish;
        }

        _valid = true;
    }

    public void Invalidate()
    {
        Clear();
        _valid = false;
        Epoch++;
    }

    /// <summary>The scheduler handed <paramref name="jobId"/> out: the head moves on if it was the head, else the order is dropped.</summary>
    public void Taken(long jobId)
    {
        if (!_valid || _head >= _order.Count || _order[_head].Job.JobId != jobId)
        {
            Invalidate();
            return;
        }

        _byId.Remove(jobId);
        _head++;
        Moves++;
        Takes++;
        if (_head >= CompactAfter && _head * 2 >= _order.Count)
        {
            _order.RemoveRange(0, _head);
            _front = Math.Max(0, _front - _head);
            _head = 0;
        }
    }

    /// <summary>
    /// Puts <paramref name="job"/>, just added at the back of its member's lane, at its place in the kept order (see the
    /// class remarks). False when that cannot be known without playing the order again: the caller drops the order then.
    /// </summary>
    /// <param name="job">The job just added.</param>
    /// <param name="laneLastFinish">The member's lane's last finish now (0 for a new lane): used when the kept order has no turn of this member.</param>
    /// <param name="now">The scheduler's V now.</param>
    public bool TryInsert(QueuedJob job, double laneLastFinish, double now)
    {
        if (!_valid)
        {
            return false;
        }

        var last = _lastFinish.TryGetValue(job.MemberId, out var kept) ? kept : laneLastFinish;
        var cost = 1 / job.Weight;
        int place = Math.Max(_head, _front), end = _order.Count;

        // The new turn starts at max(V, last) when its place comes, so its finish is the same along a stretch of places
        // with one V (or with V at most last): each stretch is searched by bisection, the first one it goes first in
        // holds its place. Turns before the member's last one finish before it, so no search stops ahead of that turn.
        double start;
        for (var stretches = 0; ; stretches++)
        {
            var virtualTime = VirtualTimeBefore(place, now);
            start = Math.Max(virtualTime, last);
            var stretchEnd = FirstPlaceWithVirtualTimeAbove(place, start, now);
            var turn = new Entry(job, start + cost, 0);
            var limit = Math.Min(stretchEnd, end);
            int low = place, high = limit;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                Compared++;
                if (Before(turn, _order[middle]))
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            if (low < limit)
            {
                place = low;
                break;
            }

            // Not before any place of this stretch: the back, if V stays as it is up to there; else the next stretch.
            if (stretchEnd > end)
            {
                place = end;
                break;
            }

            place = stretchEnd;

            // Each stretch costs a bisection; a long run of them (V rising at almost every place, as with many weights
            // that share no grid) is bounded here, and the order played again instead.
            if (stretches >= ScanLimit)
            {
                return false;
            }
        }

        var finish = start + cost;

        // The rest stands only if the kept turn after it lifted V at least as far as the new one does (class remarks).
        if (place < end && _order[place].VirtualTime < start)
        {
            return false;
        }

        // A job that goes in at the back moves no place; one further up moves every place behind it.
        if (place < end)
        {
            Moves++;
            _insertsByBand[OrderMoveCounts.BandOf(place - _head + 1)]++;
        }

        var entry = new Entry(job, finish, start);
        _order.Insert(place, entry);
        _byId[job.JobId] = entry;
        _lastFinish[job.MemberId] = finish;
        return true;
    }

    /// <summary>The 1-based position of a job in the kept order, or null when it is not in it: O(log n), by its finish.</summary>
    public int? PositionOf(long jobId)
    {
        if (!_valid || !_byId.TryGetValue(jobId, out var entry))
        {
            return null;
        }

        if (!double.IsNegativeInfinity(entry.Finish))
        {
            int low = Math.Max(_head, _front), high = _order.Count;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                if (Before(_order[middle], entry))
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            if (low < _order.Count && _order[low].Job.JobId == jobId)
            {
                return low - _head + 1;
            }
        }

        // A bumped or returned job (few, at the front), or finishes within the tolerance of each other, which need not
        // be sorted among themselves: look the slow way.
        for (var i = _head; i < _order.Count; i++)
        {
            if (_order[i].Job.JobId == jobId)
            {
                return i - _head + 1;
            }
        }

        return null;
    }

    /// <summary>The first <paramref name="count"/> positions of the kept order, numbered from 1.</summary>
    public List<QueuePosition> Head(int count)
    {
        var take = Math.Min(count, Count);
        var result = new List<QueuePosition>(take);
        for (var i = 0; i < take; i++)
        {
            result.Add(new QueuePosition(i + 1, _order[_head + i].Job));
        }

        return result;
    }

    /// <summary>V when the turn at <paramref name="index"/> comes up: V after the one before it, or V now at the head.</summary>
    private double VirtualTimeBefore(int index, double now) => index > _head ? _order[index - 1].VirtualTime : now;

    /// <summary>The first place from <paramref name="from"/> on (up to one past the back) that V before it is above <paramref name="bound"/>: V only grows along the order.</summary>
    private int FirstPlaceWithVirtualTimeAbove(int from, double bound, double now)
    {
        int low = from, high = _order.Count + 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            Compared++;
            if (VirtualTimeBefore(middle, now) > bound)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private static bool Before(Entry a, Entry b) =>
        !double.IsNegativeInfinity(b.Finish) && (double.IsNegativeInfinity(a.Finish) || FairOrder.Precedes(a.Finish, a.Job, b.Finish, b.Job));

    private void Clear()
    {
        _order.Clear();
        _byId.Clear();
        _lastFinish.Clear();
        _head = 0;
        _front = 0;
    }

    /// <summary>A place in the kept order: the job, its turn's finish (negative infinity for a bumped or returned job) and V once it was handed out.</summary>
    private readonly record struct Entry(QueuedJob Job, double Finish, double VirtualTime);
}

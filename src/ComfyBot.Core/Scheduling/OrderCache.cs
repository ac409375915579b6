namespace ComfyBot.Core.Scheduling;

/// <summary>
/// The fair order as <see cref="FairOrder.Simulate(LinkedList{QueuedJob}, LinkedList{QueuedJob}, Dictionary{ulong, MemberLane}, double, int, List{double}?, Dictionary{ulong, double}?)"/>
/// last played it, kept while jobs are taken from its head and while jobs join the back of their member's lane.
/// <list type="bullet">
/// <item>Taking the job the simulation put first leaves the scheduler exactly where the simulation was after its first
/// step, so the rest of the order stands and only the head moves: draining a queue costs one simulation, not one per take.</item>
/// <item>A job that joins the back of its member's lane, while every turn in the order has its weight, goes in at the
/// place the simulation would give it, and nothing else moves but the places behind it (one further back). With one
/// weight, a turn that starts later than V never finishes before a waiting lane's next turn would start, so V never
/// passes a waiting lane's last finish: every other turn keeps its finish, and the new one finishes at
/// max(V, its member's last finish) + 1/weight. The played order is sorted by finish (each turn picked is the first
/// to finish, and the turn after it in its lane finishes later), so its place is found by bisection. Before, every
/// enqueue dropped the order and the next place shown played it again: O(waiting) per job while a queue of 10,000
/// grew (issue 15).</item>
/// </list>
/// Any other change (a return, a bump, a removal, a take that skipped the head, an enqueue of another weight or out
/// of arrival order) drops it, and the next read plays the order again.
/// </summary>
internal sealed class OrderCache
{
    // Taken entries stay before the head until this many pile up and they are half the list, then go in one move.
    private const int CompactAfter = 1024;

    private readonly List<Entry> _order = [];
    private readonly Dictionary<long, Entry> _byId = [];
    private readonly Dictionary<ulong, double> _lastFinish = [];
    private bool _valid;
    private int _head;

    // Entries before this index are bumped and returned jobs: they go before every turn and have no finish of their own.
    private int _front;

    // The weight of every turn in the order; 0 while there is none, NaN when they differ.
    private double _weight;

    public bool IsValid => _valid;

    /// <summary>How many jobs the kept order holds (0 when it is not valid).</summary>
    public int Count => _valid ? _order.Count - _head : 0;

    /// <summary>Goes up each time the kept order is dropped: any place may have moved any distance since.</summary>
    public long Epoch { get; private set; }

    /// <summary>Head takes and inserts ahead of some kept job so far: each moves any kept place by at most one (an insert at the back moves none).</summary>
    public long Moves { get; private set; }

    public void Fill(List<QueuePosition> order, List<double> finishes, Dictionary<ulong, double> lastFinishes)
    {
        Clear();
        for (var i = 0; i < order.Count; i++)
        {
            var entry = new Entry(order[i].Job, finishes[i]);
            _order.Add(entry);
            _byId[entry.Job.JobId] = entry;
            if (double.IsNegativeInfinity(entry.Finish))
            {
                _front = i + 1;
            }
            else
            {
                _weight = _weight == 0 || _weight == entry.Job.Weight ? entry.Job.Weight : double.NaN;
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
    /// <param name="virtualTime">The scheduler's V now.</param>
    public bool TryInsert(QueuedJob job, double laneLastFinish, double virtualTime)
    {
        if (!_valid || double.IsNaN(_weight) || (_weight != 0 && _weight != job.Weight))
        {
            return false;
        }

        var last = _lastFinish.TryGetValue(job.MemberId, out var kept) ? kept : laneLastFinish;
        var entry = new Entry(job, Math.Max(virtualTime, last) + (1 / job.Weight));

        // The first turn the new one precedes; every turn before it precedes the new one.
        int low = Math.Max(_head, _front), high = _order.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (Before(entry, _order[middle]))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        // A job that goes in at the back moves no place; one further up moves every place behind it.
        if (low < _order.Count)
        {
            Moves++;
        }

        _order.Insert(low, entry);
        _byId[job.JobId] = entry;
        _lastFinish[job.MemberId] = entry.Finish;
        _weight = job.Weight;
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

    private static bool Before(Entry a, Entry b) =>
        !double.IsNegativeInfinity(b.Finish) && (double.IsNegativeInfinity(a.Finish) || FairOrder.Precedes(a.Finish, a.Job, b.Finish, b.Job));

    private void Clear()
    {
        _order.Clear();
        _byId.Clear();
        _lastFinish.Clear();
        _head = 0;
        _front = 0;
        _weight = 0;
    }

    /// <summary>A place in the kept order: the job and its turn's finish (negative infinity for a bumped or returned job).</summary>
    private readonly record struct Entry(QueuedJob Job, double Finish);
}

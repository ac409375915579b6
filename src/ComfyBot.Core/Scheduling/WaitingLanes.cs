namespace ComfyBot.Core.Scheduling;

/// <summary>
/// The waiting jobs in their places (each member's lane, the bumped jobs, the returned ones) and the virtual time that
/// shares the turns out (see <see cref="FairScheduler"/>'s remarks for the rule): which job goes next, what its turn
/// charges its member, and the order a play of them gives. Not thread-safe: <see cref="FairScheduler"/>'s lock guards it.
/// </summary>
internal sealed class WaitingLanes
{
    private readonly Dictionary<ulong, MemberLane> _lanes = [];
    private readonly Dictionary<long, LinkedListNode<QueuedJob>> _byId = [];
    private readonly LinkedList<QueuedJob> _bumped = new();
    private readonly LinkedList<QueuedJob> _returned = new();

    /// <summary>How many jobs are waiting (bumped or not).</summary>
    public int Count => _byId.Count;

    /// <summary>V: the start of the last turn handed out.</summary>
    public double VirtualTime { get; private set; }

    /// <summary>How many waiting jobs <see cref="Select"/> offered to its <c>canRun</c> so far.</summary>
    public long Examined { get; private set; }

    public bool Contains(long jobId) => _byId.ContainsKey(jobId);

    /// <summary>Adds a job to its member's lane (by arrival order) and gives its node and that lane.</summary>
    public (LinkedListNode<QueuedJob> Node, MemberLane Lane) Add(QueuedJob job)
    {
        var lane = LaneOf(job.MemberId);
        var node = lane.Insert(job);
        _byId.Add(job.JobId, node);
        return (node, lane);
    }

    /// <summary>Puts a job back among the returned ones, in arrival order.</summary>
    public void Return(QueuedJob job)
    {
        var after = _returned.Last;
        while (after is not null && (after.Value.Order, after.Value.JobId).CompareTo((job.Order, job.JobId)) > 0)
        {
            after = after.Previous;
        }

        _byId.Add(job.JobId, after is null ? _returned.AddFirst(job) : _returned.AddAfter(after, job));
    }

    /// <summary>Takes a waiting job out; false when it is not waiting.</summary>
    public bool Remove(long jobId)
    {
        if (!_byId.Remove(jobId, out var node))
        {
            return false;
        }

        node.List!.Remove(node);
        PruneIfIdle(node.Value.MemberId);
        return true;
    }

    /// <summary>Takes every waiting job of one member out and gives them in their order.</summary>
    public List<QueuedJob> RemoveMember(ulong memberId)
    {
        var removed = _byId.Values.Where(n => n.Value.MemberId == memberId).Select(n => n.Value).OrderBy(j => j.Order).ThenBy(j => j.JobId).ToList();
        foreach (var job in removed)
        {
            var node = _byId[job.JobId];
            _byId.Remove(job.JobId);
            node.List!.Remove(node);
        }

        PruneIfIdle(memberId);
        return removed;
    }

    /// <summary>Empties the lanes and gives what was waiting, in the order it would have run.</summary>
    public List<QueuedJob> Clear()
    {
        var removed = Play().Select(p => p.Job).ToList();
        _byId.Clear();
        _lanes.Clear();
        _bumped.Clear();
        _returned.Clear();
        return removed;
    }

    /// <summary>Moves a waiting job to the very front, ahead of earlier bumps; false when it is not waiting.</summary>
    public bool Bump(long jobId)
    {
        if (!_byId.TryGetValue(jobId, out var node))
        {
            return false;
        }

        node.List!.Remove(node);
        _bumped.AddFirst(node);
        return true;
    }

    /// <summary>The next job in fair order that <paramref name="canRun"/> accepts, or null: bumped, then returned, then the lane whose turn finishes first.</summary>
    public Candidate? Select(Func<QueuedJob, bool> canRun)
    {
        for (var node = _bumped.First; node is not null; node = node.Next)
        {
            Examined++;
            if (canRun(node.Value))
            {
                return new Candidate(node, Bumped: true, 0, 0);
            }
        }

        for (var node = _returned.First; node is not null; node = node.Next)
        {
            Examined++;
            if (canRun(node.Value))
            {
                return new Candidate(node, Bumped: false, 0, 0, Returned: true);
            }
        }

        Candidate? best = null;
        foreach (var lane in _lanes.Values)
        {
            for (var node = lane.Jobs.First; node is not null; node = node.Next)
            {
                Examined++;
                if (!canRun(node.Value))
                {
                    continue;
                }

                var start = Math.Max(VirtualTime, lane.LastFinish);
                var candidate = new Candidate(node, Bumped: false, start, start + (1 / node.Value.Weight));
                if (best is null || FairOrder.Precedes(candidate.Finish, node.Value, best.Value.Finish, best.Value.Node.Value))
                {
                    best = candidate;
                }

                break;
            }
        }

        return best;
    }

    /// <summary>Hands the chosen job out: it leaves its lane, and its turn is charged (a returned job's was already).</summary>
    public QueuedJob Commit(Candidate chosen)
    {
        var job = chosen.Node.Value;
        chosen.Node.List!.Remove(chosen.Node);
        _byId.Remove(job.JobId);
        var lane = LaneOf(job.MemberId);
        if (chosen.Returned)
        {
            // Its turn was charged when it was first taken.
        }
        else if (chosen.Bumped)
        {
            lane.LastFinish = Math.Max(VirtualTime, lane.LastFinish) + (1 / job.Weight);
        }
        else
        {
            VirtualTime = Math.Max(VirtualTime, chosen.Start);
            lane.LastFinish = chosen.Finish;
        }

        PruneIdleLanes();
        return job;
    }

    /// <summary>Every waiting job in the order it would be taken if every backend could run every job.</summary>
    public List<QueuePosition> Play() => FairOrder.Simulate(_bumped, _returned, _lanes, VirtualTime, _byId.Count);

    /// <summary><see cref="Play()"/>, also giving each place's turn and each member's last finish (for <see cref="OrderCache"/>).</summary>
    public List<QueuePosition> Play(List<FairOrder.PlayedTurn> turns, Dictionary<ulong, double> lastFinishes) =>
        FairOrder.Simulate(_bumped, _returned, _lanes, VirtualTime, _byId.Count, turns, lastFinishes);

    // A member's lane, made on first use (a bumped or returned job's lane may have been pruned while it waited).
    private MemberLane LaneOf(ulong memberId)
    {
        if (!_lanes.TryGetValue(memberId, out var lane))
        {
            lane = new MemberLane();
            _lanes.Add(memberId, lane);
        }

        return lane;
    }

    private void PruneIfIdle(ulong memberId)
    {
        if (_lanes.TryGetValue(memberId, out var lane) && lane.Jobs.Count == 0 && lane.LastFinish <= VirtualTime)
        {
            _lanes.Remove(memberId);
        }
    }

    // A lane with no jobs whose last turn ended at or before V carries nothing a fresh lane would not, so dropping
    // it keeps memory bounded by the members who are waiting or were served recently.
    private void PruneIdleLanes()
    {
        List<ulong>? idle = null;
        foreach (var (member, lane) in _lanes)
        {
            if (lane.Jobs.Count == 0 && lane.LastFinish <= VirtualTime)
            {
                (idle ??= []).Add(member);
            }
        }

        idle?.ForEach(m => _lanes.Remove(m));
    }

    /// <summary>A job <see cref="Select"/> chose and the turn it would take (none for a bumped or returned job).</summary>
    internal readonly record struct Candidate(LinkedListNode<QueuedJob> Node, bool Bumped, double Start, double Finish, bool Returned = false);
}

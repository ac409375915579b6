namespace ComfyBot.Core.Scheduling;

/// <summary>
/// The bot's waiting room: hands jobs out fairly between members, weighted by their roles. In memory, thread-safe
/// (one lock), no I/O; the job store stays the truth and refills it after a restart.
/// </summary>
/// <remarks>
/// <para>Fairness is weighted fair queuing with virtual time. Each member has a lane; a turn costs 1/weight of
/// virtual time. A member's next turn starts at max(V, their last finish) and the turn that finishes first goes
/// next, so a weight-2 member gets two turns per turn of a weight-1 member. V is the start of the last turn handed
/// out (as in start-time fair queuing), so a member who was idle starts level with V: no burst of saved-up credit,
/// and a flood from one member never pushes a newcomer behind it. Ties go to the earlier
/// <see cref="QueuedJob.Order"/>, then the lower <see cref="QueuedJob.JobId"/>: the order is deterministic.</para>
/// <para>Bumped jobs go before everything not bumped; the latest bump goes to the very front. A bumped job still
/// costs its member a turn, so a bump moves one job forward without handing the member extra share.</para>
/// <para>A returned job (one a GPU server lost or that was moved off a dead server, see <see cref="Return"/>) had its
/// turn already: it goes after the bumped jobs and before every other waiting job, in arrival order, and costs its
/// member nothing more. A job submitted while it was away must not overtake it.</para>
/// </remarks>
public sealed class FairScheduler
{
    private readonly Lock _gate = new();
    private readonly WaitingLanes _lanes = new();
    private readonly OrderCache _order = new();
    private long _version;
    private long _plays;
    private bool _paused;

    /// <summary>How many jobs are waiting (bumped or not).</summary>
    public int Count
    {
        get { lock (_gate) { return _lanes.Count; } }
    }

    /// <summary>
    /// Goes up with every change to the waiting jobs or their order (an enqueue, a take, a removal, a bump): a reader
    /// that showed positions at one version knows they may be stale at another.
    /// </summary>
    public long Version
    {
        get { lock (_gate) { return _version; } }
    }

    /// <summary>Whether <see cref="Pause"/> is in effect: nothing is handed out, enqueueing still works.</summary>
    public bool IsPaused
    {
        get { lock (_gate) { return _paused; } }
    }

    /// <summary>Adds a job to its member's lane.</summary>
    /// <exception cref="ArgumentException">The weight is not a finite number above 0, or the job id is already waiting.</exception>
    public void Enqueue(QueuedJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!double.IsFinite(job.Weight) || job.Weight <= 0)
        {
            throw new ArgumentException($"Job {job.JobId} has weight {job.Weight}; a weight must be a finite number above 0 (check the role weights in the policy options).", nameof(job));
        }

        lock (_gate)
        {
            if (_lanes.Contains(job.JobId))
            {
                throw new ArgumentException($"Job {job.JobId} is already waiting; remove it before enqueueing it again.", nameof(job));
            }

            var (node, lane) = _lanes.Add(job);

            // At the back of its lane, the kept order can usually place it without playing the order again (see OrderCache).
            if (node.Next is null && _order.TryInsert(job, lane.LastFinish, _lanes.VirtualTime))
            {
                _version++;
                if (CheckInsertsAgainstPlay)
                {
                    CheckAgainstPlay(job);
                }
            }
            else
            {
                Changed();
            }
        }
    }

    /// <summary>
    /// Puts back a job that was taken and could not run to its end (its server lost it or went down): it keeps the place
    /// of its first turn, ahead of every job not bumped, and its member is not charged a second turn.
    /// </summary>
    /// <exception cref="ArgumentException">The job id is already waiting.</exception>
    public void Return(QueuedJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_gate)
        {
            if (_lanes.Contains(job.JobId))
            {
                throw new ArgumentException($"Job {job.JobId} is already waiting; remove it before returning it.", nameof(job));
            }

            _lanes.Return(job);
            Changed();
        }
    }

    /// <summary>Takes a waiting job out (cancel). Returns false when it is not waiting (unknown, already taken).</summary>
    public bool Remove(long jobId)
    {
        lock (_gate)
        {
            if (!_lanes.Remove(jobId))
            {
                return false;
            }

            Changed();
            return true;
        }
    }

    /// <summary>Takes every waiting job of one member out (admin cancel-user) and returns them in their order.</summary>
    public IReadOnlyList<QueuedJob> RemoveMember(ulong memberId)
    {
        lock (_gate)
        {
            var removed = _lanes.RemoveMember(memberId);
            Changed();
            return removed;
        }
    }

    /// <summary>Empties the queue (admin clear) and returns what was waiting, in the order it would have run.</summary>
    public IReadOnlyList<QueuedJob> Clear()
    {
        lock (_gate)
        {
            var removed = _lanes.Clear();
            Changed();
            return removed;
        }
    }

    /// <summary>Moves a waiting job to the very front, ahead of earlier bumps. Returns false when it is not waiting.</summary>
    public bool Bump(long jobId)
    {
        lock (_gate)
        {
            if (!_lanes.Bump(jobId))
            {
                return false;
            }

            Changed();
            return true;
        }
    }

    /// <summary>Stops handing jobs out; enqueueing, removing and listing still work.</summary>
    public void Pause()
    {
        lock (_gate) { _paused = true; }
    }

    /// <summary>Hands jobs out again after <see cref="Pause"/>.</summary>
    public void Resume()
    {
        lock (_gate) { _paused = false; }
    }

    /// <summary>
    /// Takes the next job in fair order that <paramref name="canRun"/> accepts, skipping (not removing) jobs it
    /// refuses, so a job nobody can run blocks no one. Null when paused or nothing fits.
    /// </summary>
    /// <param name="canRun">Whether the backend asking can run this job. Called under the scheduler's lock: keep it
    /// quick and never call back into the scheduler from it.</param>
    public QueuedJob? TryTake(Func<QueuedJob, bool> canRun)
    {
        ArgumentNullException.ThrowIfNull(canRun);
        lock (_gate)
        {
            if (_paused || _lanes.Select(canRun) is not { } chosen)
            {
                return null;
            }

            return Commit(chosen);
        }
    }

    /// <summary>
    /// Takes the next job in fair order that some backend with a free slot can run, and acquires that slot
    /// (least loaded, then heaviest configured weight) in the same step. Null when paused, nothing fits or no slot is free.
    /// </summary>
    /// <param name="slots">The backends' capacity.</param>
    /// <param name="canRunOn">Whether a backend (by name) can run a job: healthy and has the job's workflow. Called
    /// under the scheduler's lock; keep it quick.</param>
    public Assignment? TryTake(BackendSlots slots, Func<QueuedJob, string, bool> canRunOn)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(canRunOn);
        lock (_gate)
        {
            // With every slot taken no job can fit: asking each waiting job would walk the whole queue on every round
            // that ends a take, O(waiting) per dispatch (issue 15).
            if (_paused || !slots.AnyFree || _lanes.Select(job => slots.HasFreeSlotFor(job, canRunOn)) is not { } chosen)
            {
                return null;
            }

            // Another caller may have taken the last slot since Select looked; leave the job where it is then.
            var backend = slots.TryAcquireFor(chosen.Node.Value, canRunOn);
            if (backend is null)
            {
                return null;
            }

            return new Assignment(Commit(chosen), backend);
        }
    }

    /// <summary>Every waiting job in the order it would be taken if every backend could run every job, from position 1.</summary>
    public IReadOnlyList<QueuePosition> Order() => Head(int.MaxValue);

    /// <summary>
    /// The first <paramref name="count"/> positions of <see cref="Order"/>. While jobs are only taken from the front,
    /// the order is kept rather than played again, so this costs O(<paramref name="count"/>), not O(waiting jobs).
    /// </summary>
    public IReadOnlyList<QueuePosition> Head(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            return OrderedLocked().Head(count);
        }
    }

    /// <summary>The 1-based position <see cref="Order"/> would give the job, or null when it is not waiting; O(1) while the order is kept.</summary>
    public int? PositionOf(long jobId)
    {
        lock (_gate)
        {
            return _lanes.Contains(jobId) ? OrderedLocked().PositionOf(jobId) : null;
        }
    }

    /// <summary>How many waiting jobs the takes so far offered to their <c>canRun</c>: what a take costs, for tests.</summary>
    internal long Examined
    {
        get { lock (_gate) { return _lanes.Examined; } }
    }

    /// <summary>How many times the order was played in full to keep it (each O(waiting)): what positions cost, for tests and the soak.</summary>
    internal long Plays
    {
        get { lock (_gate) { return _plays; } }
    }

    /// <summary>Kept places compared with enqueued jobs to place them without a play (<see cref="OrderCache.Compared"/>): what an enqueue costs, for tests.</summary>
    internal long Compared
    {
        get { lock (_gate) { return _order.Compared; } }
    }

    /// <summary>
    /// The kept order's <see cref="OrderCache.Epoch"/> and <see cref="OrderCache.Moves"/>: while the epoch stays the same,
    /// no place has moved by more than the moves since. The waiting replies use it to find the places that
    /// may have moved enough to be shown again without computing every place.
    /// </summary>
    internal (long Epoch, long Moves) OrderMoves
    {
        get { lock (_gate) { return (_order.Epoch, _order.Moves); } }
    }

    /// <summary>The kept order's moves by where they happened (<see cref="OrderMoveCounts"/>): what the waiting replies file their due counts under.</summary>
    internal OrderMoveCounts MoveCounts
    {
        get { lock (_gate) { return _order.Counts; } }
    }

    /// <summary>The places of <paramref name="jobIds"/> (null for a job not waiting), in one look at the order.</summary>
    internal void PositionsOf(IReadOnlyList<long> jobIds, int?[] places)
    {
        lock (_gate)
        {
            for (var i = 0; i < jobIds.Count; i++)
            {
                places[i] = _lanes.Contains(jobIds[i]) ? OrderedLocked().PositionOf(jobIds[i]) : null;
            }
        }
    }

    /// <summary>
    /// For tests (off otherwise): each job the kept order placed without a play is checked against a fresh play of the
    /// same queue, and <see cref="InsertMismatches"/> records where the two orders differ.
    /// </summary>
    internal bool CheckInsertsAgainstPlay { get; set; }

    /// <summary>The differences <see cref="CheckInsertsAgainstPlay"/> found, each described.</summary>
    internal List<string> InsertMismatches { get; } = [];

    /// <summary>The placements <see cref="CheckInsertsAgainstPlay"/> checked so far.</summary>
    internal int CheckedInserts { get; private set; }

    private void CheckAgainstPlay(QueuedJob job)
    {
        var played = _lanes.Play();
        var kept = _order.Head(int.MaxValue);
        var differs = Enumerable.Range(0, Math.Max(played.Count, kept.Count))
            .FirstOrDefault(i => i >= played.Count || i >= kept.Count || played[i].Job.JobId != kept[i].Job.JobId, -1);
        if (differs >= 0)
        {
            InsertMismatches.Add($"job {job.JobId} (member {job.MemberId}, weight {job.Weight}) placed at #{_order.PositionOf(job.JobId)}: from #{differs + 1} a play gives [{string.Join(", ", played.Skip(differs).Take(5).Select(p => p.Job.JobId))}], the kept order [{string.Join(", ", kept.Skip(differs).Take(5).Select(p => p.Job.JobId))}]");
        }

        CheckedInserts++;
    }

    private QueuedJob Commit(WaitingLanes.Candidate chosen)
    {
        var job = _lanes.Commit(chosen);
        _version++;

        // Taking the job the kept order put first leaves the rest of that order as it was (see OrderCache).
        _order.Taken(job.JobId);
        return job;
    }

    private OrderCache OrderedLocked()
    {
        if (!_order.IsValid)
        {
            _plays++;
            var turns = new List<FairOrder.PlayedTurn>(_lanes.Count);
            var lastFinishes = new Dictionary<ulong, double>();
            _order.Fill(_lanes.Play(turns, lastFinishes), turns, lastFinishes);
        }

        return _order;
    }

    private void Changed()
    {
        _version++;
        _order.Invalidate();
    }
}

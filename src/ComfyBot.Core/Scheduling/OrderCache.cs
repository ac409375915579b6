namespace ComfyBot.Core.Scheduling;

/// <summary>
/// The fair order as <see cref="FairOrder.Simulate"/> last played it, kept while jobs are taken from its head. Taking
/// the job the simulation put first leaves the scheduler exactly where the simulation was after its first step, so the
/// rest of the order stands and only the head moves: draining a queue costs one simulation, not one per take. Any other
/// change (an enqueue, a return, a bump, a removal, a take that skipped the head) drops it, and the next read plays the
/// order again.
/// </summary>
internal sealed class OrderCache
{
    private List<QueuePosition>? _order;
    private Dictionary<long, int>? _index;
    private int _head;

    public bool IsValid => _order is not null;

    /// <summary>How many jobs the kept order holds (0 when it is not valid).</summary>
    public int Count => _order is null ? 0 : _order.Count - _head;

    public void Fill(List<QueuePosition> order)
    {
        _order = order;
        _index = new Dictionary<long, int>(order.Count);
        for (var i = 0; i < order.Count; i++)
        {
            _index[order[i].Job.JobId] = i;
        }

        _head = 0;
    }

    public void Invalidate()
    {
        _order = null;
        _index = null;
        _head = 0;
    }

    /// <summary>The scheduler handed <paramref name="jobId"/> out: the head moves on if it was the head, else the order is dropped.</summary>
    public void Taken(long jobId)
    {
        if (_order is not null && _head < _order.Count && _order[_head].Job.JobId == jobId)
        {
            _index!.Remove(jobId);
            _head++;
            return;
        }

        Invalidate();
    }

    /// <summary>The 1-based position of a job in the kept order, or null when it is not in it.</summary>
    public int? PositionOf(long jobId) => _index is not null && _index.TryGetValue(jobId, out var i) ? i - _head + 1 : null;

    /// <summary>The first <paramref name="count"/> positions of the kept order, numbered from 1.</summary>
    public List<QueuePosition> Head(int count)
    {
        var take = Math.Min(count, Count);
        var result = new List<QueuePosition>(take);
        for (var i = 0; i < take; i++)
        {
            result.Add(new QueuePosition(i + 1, _order![_head + i].Job));
        }

        return result;
    }
}

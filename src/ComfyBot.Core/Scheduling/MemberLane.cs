namespace ComfyBot.Core.Scheduling;

/// <summary>One member's waiting jobs (FIFO by <see cref="QueuedJob.Order"/>) and their virtual finish time.</summary>
internal sealed class MemberLane
{
    public LinkedList<QueuedJob> Jobs { get; } = new();

    /// <summary>Virtual time at which the member's last served turn ended; a turn costs 1/weight.</summary>
    public double LastFinish { get; set; }

    public LinkedListNode<QueuedJob> Insert(QueuedJob job)
    {
        // Arrivals almost always come in order, so walking back from the tail is O(1) in practice;
        // reloading after a restart may arrive out of order and still lands in the right place.
        var after = Jobs.Last;
        while (after is not null && after.Value.Order > job.Order)
        {
            after = after.Previous;
        }

        return after is null ? Jobs.AddFirst(job) : Jobs.AddAfter(after, job);
    }
}

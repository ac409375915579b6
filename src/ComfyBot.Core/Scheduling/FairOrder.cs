namespace ComfyBot.Core.Scheduling;

/// <summary>The ordering rule shared by taking a job and listing the queue, so the two never disagree.</summary>
internal static class FairOrder
{
    // Weights like 1.5 make finish times inexact; two turns that are equal on paper must tie, so that the
    // arrival order (not rounding noise) decides between them.
    private const double RelativeTolerance = 1e-9;

    /// <summary>Whether a turn finishing at <paramref name="finishA"/> goes before one finishing at <paramref name="finishB"/>.</summary>
    public static bool Precedes(double finishA, QueuedJob a, double finishB, QueuedJob b)
    {
        var scale = Math.Max(1, Math.Max(Math.Abs(finishA), Math.Abs(finishB)));
        if (Math.Abs(finishA - finishB) > RelativeTolerance * scale)
        {
            return finishA < finishB;
        }

        return a.Order != b.Order ? a.Order < b.Order : a.JobId < b.JobId;
    }

    /// <summary>Plays the scheduler forward on copies of its state, as if every backend could run every job.</summary>
    public static List<QueuePosition> Simulate(LinkedList<QueuedJob> bumped, LinkedList<QueuedJob> returned, Dictionary<ulong, MemberLane> lanes, double virtualTime, int count)
    {
        var result = new List<QueuePosition>(count);
        var cursors = new Dictionary<ulong, Cursor>(lanes.Count);
        foreach (var (member, lane) in lanes)
        {
            cursors.Add(member, new Cursor { Next = lane.Jobs.First, LastFinish = lane.LastFinish });
        }

        foreach (var job in bumped)
        {
            result.Add(new QueuePosition(result.Count + 1, job));
            if (!cursors.TryGetValue(job.MemberId, out var cursor))
            {
                cursor = new Cursor();
                cursors.Add(job.MemberId, cursor);
            }

            cursor.LastFinish = Math.Max(virtualTime, cursor.LastFinish) + (1 / job.Weight);
        }

        // Returned jobs had their turn charged when first taken.
        foreach (var job in returned)
        {
            result.Add(new QueuePosition(result.Count + 1, job));
        }

        var active = cursors.Values.Where(c => c.Next is not null).ToList();
        while (active.Count > 0)
        {
            var bestIndex = 0;
            var bestStart = 0.0;
            var bestFinish = 0.0;
            for (var i = 0; i < active.Count; i++)
            {
                var cursor = active[i];
                var start = Math.Max(virtualTime, cursor.LastFinish);
                var finish = start + (1 / cursor.Next!.Value.Weight);
                if (i == 0 || Precedes(finish, cursor.Next.Value, bestFinish, active[bestIndex].Next!.Value))
                {
                    (bestIndex, bestStart, bestFinish) = (i, start, finish);
                }
            }

            var chosen = active[bestIndex];
            result.Add(new QueuePosition(result.Count + 1, chosen.Next!.Value));
            virtualTime = Math.Max(virtualTime, bestStart);
            chosen.LastFinish = bestFinish;
            chosen.Next = chosen.Next.Next;
            if (chosen.Next is null)
            {
                // Order among lanes is irrelevant: Precedes decides on finish, arrival and id alone.
                active[bestIndex] = active[^1];
                active.RemoveAt(active.Count - 1);
            }
        }

        return result;
    }

    private sealed class Cursor
    {
        public LinkedListNode<QueuedJob>? Next { get; set; }

        public double LastFinish { get; set; }
    }
}

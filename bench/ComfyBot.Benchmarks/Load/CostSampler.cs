using System.Globalization;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Benchmarks.Load;

/// <summary>
/// The soak's per-1,000-jobs figures: while a phase runs, it counts the jobs that reached the phase's mark (past the
/// deferral, or final) and, each time another <c>step</c> of them has, reads what the bot spent since the last row:
/// store operations and their time (<c>JobStore.Cost</c>), dispatch rounds and their time (the scheduler's hand-out plus
/// the waiting replies, <c>JobService.DispatchCost</c>), waiting replies refreshed and looked at (a full refresh that walked every place looked at every waiting reply),
/// waiting jobs the scheduler's takes examined and full plays of its order (each O(waiting)), and FakeDiscord's REST
/// requests.
/// Each row is divided by the jobs of its window, so a cost that grows with the queue or the history shows as a
/// growing column. Times are wall-clock inside the bot (the machine is shared), so read the trend, not the absolutes.
/// </summary>
internal sealed class CostSampler
{
    private readonly LoadBed _bed;
    private readonly List<FakeInteraction> _jobs;
    private readonly Func<FakeInteraction, bool> _reached;
    private readonly int _step;
    private readonly int _expected;
    private readonly List<string> _rows = [];
    private Reading _last;

    /// <param name="jobs">The phase's jobs; the phase may still be adding to it (read by index up to its count, never enumerated).</param>
    public CostSampler(LoadBed bed, List<FakeInteraction> jobs, int expected, Func<FakeInteraction, bool> reached, int step)
    {
        _expected = expected;
        _bed = bed;
        _jobs = jobs;
        _reached = reached;
        _step = step;
        _last = Read(0);
    }

    /// <summary>Samples every 200 ms until every job has reached the mark or <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            while (await tick.WaitForNextTickAsync(stop))
            {
                var reached = 0;
                var count = _jobs.Count;
                for (var i = 0; i < count; i++)
                {
                    reached += _reached(_jobs[i]) ? 1 : 0;
                }

                if (reached >= _last.Jobs + _step || (reached == _expected && reached > _last.Jobs))
                {
                    Row(Read(reached));
                }

                if (reached == _expected)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The phase ended (or timed out) between two ticks: the jobs since the last row make a last, shorter one.
            var reached = 0;
            var count = _jobs.Count;
            for (var i = 0; i < count; i++)
            {
                reached += _reached(_jobs[i]) ? 1 : 0;
            }

            if (reached > _last.Jobs)
            {
                Row(Read(reached));
            }
        }
    }

    public void Print(string title)
    {
        Console.WriteLine($"  {title}, per job of each window:");
        Console.WriteLine("    jobs    | queued | store ops | store ms | dispatch rounds | dispatch ms | waiting replies shown | looked at | jobs examined | order plays | REST requests | order moves");
        foreach (var row in _rows)
        {
            Console.WriteLine(row);
        }
    }

    private void Row(Reading now)
    {
        var n = (double)(now.Jobs - _last.Jobs);
        _rows.Add(string.Create(CultureInfo.InvariantCulture,
            $"    {now.Jobs,7:N0} | {now.Queued,6:N0} | {(now.StoreOps - _last.StoreOps) / n,9:0.00} | {(now.StoreTime - _last.StoreTime).TotalMilliseconds / n,8:0.000} | {(now.Rounds - _last.Rounds) / n,15:0.00} | {(now.DispatchTime - _last.DispatchTime).TotalMilliseconds / n,11:0.000} | {(now.Shown - _last.Shown) / n,21:0.0} | {(now.Walked - _last.Walked) / n,9:0.0} | {(now.Examined - _last.Examined) / n,13:0.0} | {(now.Plays - _last.Plays) / n,11:0.000} | {(now.Requests - _last.Requests) / n,13:0.0} | {(now.Moves - _last.Moves) / n,11:0.00}"));
        _last = now;
    }

    private Reading Read(int jobs)
    {
        var runtime = _bed.Runtime;
        var (storeOps, storeTime) = runtime.Store.Cost.Read();
        var (rounds, dispatchTime) = runtime.Jobs.DispatchCost.Read();
        return new Reading(jobs, runtime.Jobs.ListQueue().Count, storeOps, storeTime, rounds, dispatchTime, runtime.Jobs.WaitingRepliesRefreshed, _bed.Fake.Counters.Requests, runtime.Jobs.WaitingReplies.Walked, runtime.Jobs.Scheduler.Examined, runtime.Jobs.Scheduler.Plays, runtime.Jobs.Scheduler.OrderMoves.Moves);
    }

    private readonly record struct Reading(int Jobs, int Queued, long StoreOps, TimeSpan StoreTime, long Rounds, TimeSpan DispatchTime, long Shown, long Requests, long Walked, long Examined, long Plays, long Moves);
}

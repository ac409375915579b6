using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Running;
using ComfyBot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Running;

/// <summary>
/// Issue 15, "flat at scale": a full refresh of the waiting replies looks at the replies it may show, not at every
/// waiting job (at 10,000 waiting, each one walked the whole queue), and shows exactly what a walk of every place
/// shows. Counted (replies looked at), never timed.
/// </summary>
public sealed class WaitingRepliesFlatCostTests : IAsyncLifetime
{
    private const int Jobs = 400;
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));
    private FakeClockJobRig _rig = null!;

    public async Task InitializeAsync() =>
        _rig = await FakeClockJobRig.StartAsync(
            _time,
            new JobServiceOptions { Reply = { Interval = Interval, FinalRetryDelay = TimeSpan.Zero } },
            new JobPolicyOptions { MaxQueuedPerMember = Jobs });

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Draining_the_queue_looks_at_the_replies_a_full_refresh_may_show_not_at_every_waiting_one()
    {
        const int Takes = 150;
        _rig.Service.Pause();
        for (var i = 0; i < Jobs; i++)
        {
            await _rig.SubmitAsync((ulong)(i % 20) + 1, "member");
        }

        await Polling.UntilAsync(() => _rig.Service.WaitingRepliesRefreshed >= Jobs);
        var walked = _rig.Service.WaitingReplies.Walked;
        var shown = _rig.Service.WaitingRepliesRefreshed;

        // Every take is a reply interval after the last, so every round is a full refresh. Each one walked every
        // waiting reply before: about Takes x (Jobs - Takes / 2) = 48,750 here.
        _rig.Service.Resume();
        for (var i = 0; i < Takes; i++)
        {
            var prompt = await _rig.Backend.NextPromptAsync();
            _time.Advance(Interval);
            prompt.End(new JobInterrupted(prompt.PromptId, null, null));
        }

        _ = await _rig.Backend.NextPromptAsync();
        var looked = _rig.Service.WaitingReplies.Walked - walked;
        var showed = _rig.Service.WaitingRepliesRefreshed - shown;

        // The resume changes why every job waits: one walk of every place. After it, each round looks at the first
        // places and the replies due, each one about once per show.
        Assert.True(looked <= Jobs + (2 * showed) + (Takes * (WaitingReplies.FrontPlaces + 1)), $"{looked} replies looked at for {showed} shown over {Takes} takes of {Jobs}");
        Assert.True(looked < Takes * Jobs / 4, $"{looked} replies looked at over {Takes} takes of {Jobs}");
    }

    [Fact]
    public async Task Jobs_queued_a_little_out_of_turn_near_the_back_of_a_long_queue_bring_up_no_far_reply_they_cannot_move()
    {
        _rig.Service.WaitingReplies.CheckAgainstWalk = true;
        _rig.Service.Pause();

        // 40 members take turns; members 31-40 stop after 20 turns, the others go on to 24 (920 waiting).
        for (var round = 1; round <= 24; round++)
        {
            for (var member = 1UL; member <= 40; member++)
            {
                if (member <= 30 || round <= 20)
                {
                    await _rig.SubmitAsync(member, "member");
                }
            }
        }

        // A full refresh files every reply shown.
        await FullRefreshAsync();
        var moves = _rig.Service.Scheduler.OrderMoves.Moves;

        // Members 31-40 catch up: each job of theirs for turns 21-24 goes in ahead of the others' later turns (member 1
        // took a 25th with the full refresh), 40 inserts at places 800-960 that move only the places behind them.
        // Before, each counted as a move of every place, and the next full refresh looked again at every far reply a
        // quarter of whose place is 40 or less.
        for (var round = 21; round <= 24; round++)
        {
            for (var member = 31UL; member <= 40; member++)
            {
                await _rig.SubmitAsync(member, "member");
            }
        }

        Assert.Equal(40, _rig.Service.Scheduler.OrderMoves.Moves - moves);

        // Each insert is shown by a round of its own (not a full one: no time has passed). On a busy machine those
        // rounds can lag, and a mark still pending would be shown by the full refresh below and counted in it.
        await Polling.UntilAsync(() => _rig.Service.WaitingReplies.Settled);
        var looked = await FullRefreshAsync();

        // The first places, the job just queued and those shown at a first place since: about 21. Before, also the far
        // replies at places 11-160 came up again, none of which an insert at place 800 can move.
        Assert.True(looked <= 2 * (WaitingReplies.FrontPlaces + 1), $"{looked} replies looked at in the full refresh after 40 inserts near the back of 961");
        var mismatches = _rig.Service.WaitingReplies.CheckMismatches;
        lock (mismatches)
        {
            Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(3)));
        }
    }

    /// <summary>A submission a reply interval after the last, whose round is a full refresh: how many replies it looked at.</summary>
    private async Task<int> FullRefreshAsync()
    {
        var before = _rig.Service.WaitingReplies.FullRefreshes;
        _time.Advance(Interval);
        await _rig.SubmitAsync(1, "member");
        await Polling.UntilAsync(() => _rig.Service.WaitingReplies.FullRefreshes > before);
        return _rig.Service.WaitingReplies.LastFullLooked;
    }

    [Fact]
    public async Task The_places_shown_while_a_queue_grows_and_drains_are_those_a_walk_of_every_place_shows()
    {
        _rig.Service.WaitingReplies.CheckAgainstWalk = true;
        _rig.Service.Pause();

        // Growing: members join late (their first job goes ahead of the long queues, moving the places behind it
        // back), every submission a reply interval after the last, so that each one's round is a full refresh.
        for (var i = 0; i < 150; i++)
        {
            var member = i % 3 == 0 ? (ulong)(100 + i) : (ulong)(i % 12) + 1;
            var shown = _rig.Service.WaitingRepliesRefreshed;
            _time.Advance(Interval);
            await _rig.SubmitAsync(member, "member");
            await Polling.UntilAsync(() => _rig.Service.WaitingRepliesRefreshed > shown);
        }

        var growing = _rig.Service.WaitingReplies.CheckedRounds;

        // Draining: rounds a full interval apart, less than one apart, and past the far places' 40 intervals.
        _rig.Service.Resume();
        for (var i = 0; i < 149; i++)
        {
            var prompt = await _rig.Backend.NextPromptAsync();
            _time.Advance(i % 17 == 16 ? Interval * WaitingReplies.FarIntervals : i % 3 == 2 ? Interval / 3 : Interval);
            prompt.End(new JobInterrupted(prompt.PromptId, null, null));
        }

        _ = await _rig.Backend.NextPromptAsync();
        var mismatches = _rig.Service.WaitingReplies.CheckMismatches;
        lock (mismatches)
        {
            Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(3)));
        }

        Assert.True(growing >= 100, $"{growing} full refreshes checked while the queue grew");
        Assert.True(_rig.Service.WaitingReplies.CheckedRounds - growing >= 60, $"{_rig.Service.WaitingReplies.CheckedRounds - growing} full refreshes checked while it drained");
    }

}

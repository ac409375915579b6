using System.Collections.Concurrent;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Core.Tests.Progress;
using ComfyBot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Running;

/// <summary>
/// Issue 15, the waiting-reply edit storm: a queue's place edits go through the engine's shared slots, so only
/// <see cref="ReplyThrottleOptions.MaxPlaceEditsInFlight"/> are in flight however long the queue, and a final edit
/// does not wait behind them. Before, every waiting reply had its edit in flight at once (2,927 in a dump).
/// </summary>
public sealed class WaitingReplyEditsTests : IAsyncLifetime
{
    private const int Jobs = 30;
    private const int Cap = 3;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<TaskCompletionSource<ReplySendResult>> _holds = new();

    private FakeClockJobRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await FakeClockJobRig.StartAsync(
            _time,
            new JobServiceOptions { Reply = { Interval = TimeSpan.FromHours(1), FinalRetryDelay = TimeSpan.Zero, MaxPlaceEditsInFlight = Cap } },
            new JobPolicyOptions { MaxQueuedPerMember = Jobs },
            HeldView);
    }

    public async Task DisposeAsync()
    {
        ReleaseAll();
        await _rig.DisposeAsync();
    }

    [Fact]
    public async Task A_long_queue_has_only_the_capped_number_of_place_edits_in_flight_and_a_final_edit_does_not_wait_for_them()
    {
        _rig.Service.Pause();
        var jobs = new List<long>();
        for (var i = 0; i < Jobs; i++)
        {
            jobs.Add((await _rig.SubmitAsync((ulong)i + 1, "member")).Id);
        }

        await Polling.UntilAsync(() => Task.FromResult(_rig.Service.WaitingRepliesRefreshed >= Jobs));

        // Every reply was shown its place; every send hangs, and only the cap's worth of them were started.
        Assert.Equal(Cap, _rig.Views.Values.Count(v => v.Calls.Count > 0));

        // A job cancelled while its place edit waits for a slot gets its final edit at once.
        var waiting = jobs.First(id => _rig.Views[id].Calls.Count == 0);
        var cancel = await _rig.Service.CancelAsync(waiting, 1000, "admin", isAdmin: true).WaitAsync(JobServiceRig.HangGuard);
        await _rig.Views[waiting].WaitForCallsAsync(1);
        Assert.True(_rig.Views[waiting].Calls[0].State.IsFinal, $"{cancel}: {_rig.Views[waiting].Texts[0]}");
        Assert.Equal(Cap, _rig.Views.Where(p => p.Key != waiting).Count(p => p.Value.Calls.Count > 0));

        // Once the sends answer, every other waiting reply shows its place in turn.
        ReleaseAll();
        foreach (var id in jobs.Where(id => id != waiting))
        {
            await _rig.Views[id].WaitForCallsAsync(1);
            Assert.Contains("Queued", _rig.Views[id].Texts[0], StringComparison.Ordinal);
        }
    }

    private RecordingJobView HeldView()
    {
        var view = new RecordingJobView(_time);
        _holds.Enqueue(view.HoldNext());
        return view;
    }

    private void ReleaseAll()
    {
        foreach (var hold in _holds)
        {
            hold.TrySetResult(ReplySendResult.Sent);
        }
    }
}

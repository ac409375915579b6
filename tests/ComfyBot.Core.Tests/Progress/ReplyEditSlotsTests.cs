using ComfyBot.Core.Progress;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Progress;

/// <summary>
/// Issue 15, the waiting-reply edit storm: the place edits of a long queue share a few sends in flight, while running
/// and final edits never wait for them. Counted on recording views, never timed.
/// </summary>
public sealed class ReplyEditSlotsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));

    private static ReplyState Place(int place, string version) => ReplyState.Progress($"#{place} {version}") with { Place = place };

    private static int InFlight(IEnumerable<RecordingJobView> views) => views.Sum(v => v.Calls.Count);

    [Fact]
    public async Task Place_edits_beyond_the_cap_wait_and_each_sends_its_newest_state_while_running_and_final_states_go_at_once()
    {
        var slots = new ReplyEditSlots(2);
        var views = Enumerable.Range(0, 6).Select(_ => new RecordingJobView(_time)).ToArray();
        var holds = views.Select(v => v.HoldNext()).ToArray();
        var throttles = views.Select(v => new ReplyThrottle(v, _time, new ReplyThrottleOptions(), placeSlots: slots)).ToArray();
        try
        {
            for (var i = 0; i < throttles.Length; i++)
            {
                throttles[i].Post(Place(i + 1, "v1"));
            }

            // Six replies want an edit; two go, four wait for a slot.
            Assert.Equal(2, InFlight(views));
            Assert.Equal(4, slots.Queued);

            // A waiting reply keeps taking newer states: the one sent when its turn comes is the newest.
            for (var i = 2; i < throttles.Length; i++)
            {
                throttles[i].Post(Place(i + 1, "v2"));
            }

            Assert.Equal(2, InFlight(views));

            // A running state and a final state do not wait for a place slot.
            throttles[3].Post(ReplyState.Progress("running"));
            _ = throttles[4].FinishAsync(ReplyState.Final("done"));
            Assert.Equal(["running"], views[3].Texts);
            Assert.Equal(["done"], views[4].Texts);

            // A slot given back goes to the next reply that still wants one, with its newest state.
            holds[0].SetResult(ReplySendResult.Sent);
            await views[2].WaitForCallsAsync(1);
            Assert.Equal(["#3 v2"], views[2].Texts);
            Assert.Empty(views[5].Calls);

            // The replies that sent a running or a final state meanwhile decline their turn; the last one gets it.
            holds[1].SetResult(ReplySendResult.Sent);
            await views[5].WaitForCallsAsync(1);
            Assert.Equal(["#6 v2"], views[5].Texts);
            Assert.Equal(["running"], views[3].Texts);
            Assert.Equal(2, slots.MaxInFlight);
        }
        finally
        {
            foreach (var hold in holds)
            {
                hold.TrySetResult(ReplySendResult.Sent);
            }

            foreach (var throttle in throttles)
            {
                await throttle.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_freed_slot_goes_to_a_front_place_first_and_the_places_further_back_take_turns_in_the_order_they_asked()
    {
        var slots = new ReplyEditSlots(1, frontPlaces: 10);
        var options = new ReplyThrottleOptions { Interval = TimeSpan.Zero };
        var (busy, far, back, near) = (new RecordingJobView(_time), new RecordingJobView(_time), new RecordingJobView(_time), new RecordingJobView(_time));
        await using var busyReply = new ReplyThrottle(busy, _time, options, placeSlots: slots);
        await using var farReply = new ReplyThrottle(far, _time, options, placeSlots: slots);
        await using var backReply = new ReplyThrottle(back, _time, options, placeSlots: slots);
        await using var nearReply = new ReplyThrottle(near, _time, options, placeSlots: slots);

        // All have shown a first state already (a first edit goes before every re-shown place).
        farReply.Post(Place(9000, "v1"));
        backReply.Post(Place(60, "v1"));
        nearReply.Post(Place(12, "v1"));
        var busyHold = busy.HoldNext();
        busyReply.Post(Place(1, "v1"));

        // Queued in the order far, back, near: the front place goes first, then the far one, which asked before the
        // nearer back one (ordered by place, it waited behind every nearer place that kept coming).
        farReply.Post(Place(8000, "v2"));
        backReply.Post(Place(50, "v2"));
        nearReply.Post(Place(9, "v2"));
        var nearHold = near.HoldNext();
        var farHold = far.HoldNext();
        busyHold.SetResult(ReplySendResult.Sent);
        await near.WaitForCallsAsync(2);
        Assert.Equal(["#9000 v1"], far.Texts);

        nearHold.SetResult(ReplySendResult.Sent);
        await far.WaitForCallsAsync(2);
        Assert.Equal(["#9000 v1", "#8000 v2"], far.Texts);
        Assert.Equal(["#60 v1"], back.Texts);

        farHold.SetResult(ReplySendResult.Sent);
        await back.WaitForCallsAsync(2);
        Assert.Equal(["#60 v1", "#50 v2"], back.Texts);
        Assert.Equal(1, slots.MaxInFlight);
    }

    [Fact]
    public void A_cap_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplyEditSlots(0));
    }
}

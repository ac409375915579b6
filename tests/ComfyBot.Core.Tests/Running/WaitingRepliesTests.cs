using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Running;
using ComfyBot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Running;

/// <summary>
/// Issue 15: draining a long queue does not refresh every waiting reply on every dispatch (O(n²) in all). Counted, not
/// timed: the dispatcher's rounds count the replies they refresh.
/// </summary>
public sealed class WaitingRepliesTests : IAsyncLifetime
{
    private const int Jobs = 100;
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));

    private FakeClockJobRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await FakeClockJobRig.StartAsync(_time, new JobServiceOptions { Reply = { Interval = Interval, FinalRetryDelay = TimeSpan.Zero } }, new JobPolicyOptions { MaxQueuedPerMember = Jobs });
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
    }

    [Fact]
    public async Task Draining_the_queue_refreshes_the_first_places_on_each_dispatch_and_the_rest_once_per_reply_interval()
    {
        _rig.Service.Pause();
        for (var i = 0; i < Jobs; i++)
        {
            await _rig.SubmitAsync((ulong)(i % 20) + 1, "member");
        }

        // Each job is shown once as it arrives (it is marked), whatever the interval.
        await Polling.UntilAsync(() => Task.FromResult(_rig.Service.WaitingRepliesRefreshed >= Jobs));
        var queued = _rig.Service.WaitingRepliesRefreshed;

        // The resume changes why every job waits, so every reply is shown at once; after it, each dispatch shows the
        // first places only. The old loop showed every waiting reply on every dispatch: about Jobs²/2 in all.
        _rig.Service.Resume();
        await DispatchAndEndAsync(Jobs / 2);
        var halfway = _rig.Service.WaitingRepliesRefreshed - queued;
        Assert.InRange(halfway, Jobs, Jobs + ((Jobs / 2) * (WaitingReplies.FrontPlaces + 1)));

        // A reply interval later the places further back are shown again, with no dispatch to bring the round.
        var beforeCatchUp = _rig.Service.WaitingRepliesRefreshed;
        _time.Advance(Interval);
        await Polling.UntilAsync(() => Task.FromResult(_rig.Service.WaitingRepliesRefreshed - beforeCatchUp >= (Jobs / 2) - 1));

        await DispatchAndEndAsync(Jobs - (Jobs / 2));
        await Polling.UntilAsync(() => Task.FromResult(_rig.Service.ListQueue().Count == 0));
        Assert.InRange(_rig.Service.WaitingRepliesRefreshed - queued, Jobs, 2 * Jobs + (Jobs * (WaitingReplies.FrontPlaces + 1)));
    }

    [Fact]
    public async Task Draining_shows_a_far_place_again_only_once_it_moved_by_a_share_and_says_when_it_was_true()
    {
        const int Takes = 10;
        _rig.Service.Pause();
        for (var i = 0; i < Jobs; i++)
        {
            await _rig.SubmitAsync((ulong)(i % 20) + 1, "member");
        }

        await Polling.UntilAsync(() => Task.FromResult(_rig.Service.WaitingRepliesRefreshed >= Jobs));
        var queued = _rig.Service.WaitingRepliesRefreshed;

        // Every take is a reply interval after the last, so every round is a full refresh. The old rounds showed
        // every waiting reply on each of them (about Jobs x Takes); now the first places, and a far place only
        // once it moved by a quarter (a place within 4 x Takes of the front, at most a few times).
        _rig.Service.Resume();
        for (var i = 0; i < Takes; i++)
        {
            var prompt = await _rig.Backend.NextPromptAsync();
            _time.Advance(Interval);
            prompt.End(new JobInterrupted(prompt.PromptId, null, null));
        }

        _ = await _rig.Backend.NextPromptAsync();
        var shown = _rig.Service.WaitingRepliesRefreshed - queued;
        Assert.InRange(shown, Jobs - 1, (2 * Jobs) + (Takes * (WaitingReplies.FrontPlaces + 1)));

        // A place past the first ones is not kept current, so its text says when it was true, never later than the
        // send; the first places are current and say nothing of the kind.
        _time.Advance(Interval);
        var asOf = new System.Text.RegularExpressions.Regex(@"#(\d+) in line.* · as of <t:(\d+):R>");
        var place = new System.Text.RegularExpressions.Regex(@"#(\d+) in line");
        var farTexts = 0;
        foreach (var (state, at) in _rig.Views.Values.SelectMany(v => v.Calls).Where(c => c.State.Place is not null))
        {
            var number = int.Parse(place.Match(state.Text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(state.Place, number);
            var stamp = asOf.Match(state.Text);
            if (number <= WaitingReplies.FrontPlaces)
            {
                Assert.False(stamp.Success, state.Text);
                continue;
            }

            Assert.True(stamp.Success, state.Text);
            Assert.InRange(long.Parse(stamp.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 0, at.ToUnixTimeSeconds());
            farTexts++;
        }

        Assert.True(farTexts >= Jobs - WaitingReplies.FrontPlaces, $"{farTexts} far places sent");
    }

    private async Task DispatchAndEndAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var prompt = await _rig.Backend.NextPromptAsync();
            prompt.End(new JobInterrupted(prompt.PromptId, null, null));
        }
    }
}

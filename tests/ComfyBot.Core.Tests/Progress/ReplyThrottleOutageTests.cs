using ComfyBot.Core.Progress;
using Microsoft.Extensions.Time.Testing;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Core.Tests.Progress;

/// <summary>How <see cref="ReplyThrottle"/> waits out a chat service that is unreachable or failing on its side.</summary>
public sealed class ReplyThrottleOutageTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Final_ThroughAnOutageLongerThanItsAttempts_IsDeliveredWhenTheServiceIsBack()
    {
        var view = new RecordingJobView(_time);
        view.UnavailableNext(times: 10);
        await using var throttle = new ReplyThrottle(view, _time, new ReplyThrottleOptions { FinalAttempts = 2 });

        throttle.Post(ReplyState.Final("done"));
        var start = _time.GetUtcNow();
        await RunClockUntilAsync(throttle.Completion);

        var delivery = await throttle.Completion.WaitAsync(HangGuard);
        Assert.True(delivery.Delivered);
        Assert.Equal(11, view.Calls.Count);

        // Backing off from FinalRetryDelay (2 s), doubling, but never more than a minute apart.
        var gaps = view.Calls.Zip(view.Calls.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.All(gaps, gap => Assert.True(gap <= TimeSpan.FromSeconds(61), gap.ToString()));
        Assert.True(view.Calls[^1].At - start > TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Final_WhenTheOutageOutlastsTheLimit_IsReportedFailed()
    {
        var view = new RecordingJobView(_time);
        view.UnavailableNext(times: 100);
        await using var throttle = new ReplyThrottle(view, _time, new ReplyThrottleOptions { FinalOutageLimit = TimeSpan.FromMinutes(3) });

        throttle.Post(ReplyState.Final("done"));
        await RunClockUntilAsync(throttle.Completion);

        var delivery = await throttle.Completion.WaitAsync(HangGuard);
        Assert.Equal(ReplyOutcome.Failed, delivery.Outcome);
        Assert.IsType<HttpRequestException>(delivery.Error);
        Assert.True(view.Calls[^1].At - view.Calls[0].At >= TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task Progress_DuringAnOutage_IsNotRetried_TheNextStateReplacesIt()
    {
        var view = new RecordingJobView(_time);
        view.UnavailableNext();
        await using var throttle = new ReplyThrottle(view, _time, new ReplyThrottleOptions { Interval = TimeSpan.FromSeconds(1) });

        throttle.Post(ReplyState.Progress("step 1"));
        await view.WaitForCallsAsync(1).WaitAsync(HangGuard);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Single(view.Calls);
        throttle.Post(ReplyState.Progress("step 2"));
        await view.WaitForCallsAsync(2).WaitAsync(HangGuard);
        Assert.Equal(["step 1", "step 2"], view.Texts);
    }

    /// <summary>Moves the fake clock a second at a time, letting the throttle run in between, until <paramref name="task"/> ends.</summary>
    private async Task RunClockUntilAsync(Task task)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (!task.IsCompleted)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1, guard.Token);
        }
    }
}

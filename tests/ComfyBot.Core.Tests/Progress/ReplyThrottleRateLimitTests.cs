using ComfyBot.Core.Progress;
using Microsoft.Extensions.Time.Testing;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Core.Tests.Progress;

/// <summary>How <see cref="ReplyThrottle"/> waits out the chat service's rate-limit answers.</summary>
public sealed class ReplyThrottleRateLimitTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly DateTimeOffset _start;

    public ReplyThrottleRateLimitTests() => _start = _time.GetUtcNow();

    private static ReplyState Step(int n) => ReplyState.Progress($"step {n}");

    private TimeSpan Since(DateTimeOffset at) => at - _start;

    [Fact]
    public async Task RateLimited_SendWaitsForRetryAfter_ThenSendsTheNewestState()
    {
        var view = new RecordingJobView(_time);
        await using var throttle = new ReplyThrottle(view, _time);
        throttle.Post(Step(1));
        view.RateLimitNext(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(2));
        throttle.Post(Step(2));

        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(["step 1", "step 2"], view.Texts);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        await view.WaitForCallsAsync(3);

        Assert.Equal(["step 1", "step 2", "step 2"], view.Texts);
        Assert.Equal(TimeSpan.FromSeconds(7), Since(view.Calls[2].At));
    }

    [Fact]
    public async Task RateLimited_NewerStateDuringTheWait_ReplacesTheRefusedOne()
    {
        var view = new RecordingJobView(_time);
        view.RateLimitNext(TimeSpan.FromSeconds(3));
        await using var throttle = new ReplyThrottle(view, _time);
        throttle.Post(Step(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        throttle.Post(ReplyState.Final("done"));

        _time.Advance(TimeSpan.FromSeconds(2));
        var delivery = await throttle.Completion.WaitAsync(HangGuard);

        Assert.Equal(["step 1", "done"], view.Texts);
        Assert.Equal(TimeSpan.FromSeconds(3), Since(view.Calls[1].At));
        Assert.True(delivery.Delivered);
    }

    [Fact]
    public async Task RateLimited_FinalThatIsRefusedTooOften_IsReportedFailed()
    {
        var view = new RecordingJobView(_time);
        for (var i = 0; i < 3; i++)
        {
            view.RateLimitNext(TimeSpan.FromSeconds(1));
        }

        await using var throttle = new ReplyThrottle(view, _time, new ReplyThrottleOptions { MaxRateLimitWaits = 2 });
        throttle.Post(ReplyState.Final("done"));
        _time.Advance(TimeSpan.FromSeconds(1.5));
        _time.Advance(TimeSpan.FromSeconds(1.5));
        var delivery = await throttle.Completion.WaitAsync(HangGuard);

        Assert.Equal(ReplyOutcome.Failed, delivery.Outcome);
        Assert.Equal(3, delivery.Attempts);
        Assert.IsType<TimeoutException>(delivery.Error);
        Assert.Equal(3, view.Calls.Count);
    }

    [Fact]
    public async Task RateLimited_WithZeroRetryAfter_StillWaitsBeforeTheNextTry()
    {
        var view = new RecordingJobView(_time);
        view.RateLimitNext(TimeSpan.Zero);
        await using var throttle = new ReplyThrottle(view, _time, new ReplyThrottleOptions { Interval = TimeSpan.Zero });

        throttle.Post(Step(1));
        Assert.Single(view.Calls);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        await view.WaitForCallsAsync(2);

        Assert.Equal(TimeSpan.FromMilliseconds(50), Since(view.Calls[1].At));
    }
}

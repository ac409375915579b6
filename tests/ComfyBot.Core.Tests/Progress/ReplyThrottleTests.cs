using ComfyBot.Core.Progress;
using Microsoft.Extensions.Time.Testing;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Core.Tests.Progress;

public sealed class ReplyThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly DateTimeOffset _start;

    public ReplyThrottleTests() => _start = _time.GetUtcNow();

    private static ReplyState Step(int n) => ReplyState.Progress($"step {n}");

    private TimeSpan Since(DateTimeOffset at) => at - _start;

    [Fact]
    public async Task Post_FirstState_IsSentAtOnce()
    {
        var view = new RecordingJobView(_time);
        await using var throttle = new ReplyThrottle(view, _time);

        Assert.True(throttle.Post(Step(1)));

        Assert.Equal(["step 1"], view.Texts);
        Assert.Equal(TimeSpan.Zero, Since(view.Calls[0].At));
    }

    [Fact]
    public async Task Post_TenUpdatesWithinOneSecond_SendsOnlyTheNewestOnceTheIntervalIsUp()
    {
        var view = new RecordingJobView(_time);
        await using var throttle = new ReplyThrottle(view, _time);
        throttle.Post(Step(0));

        for (var i = 1; i <= 10; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            throttle.Post(Step(i));
        }

        Assert.Equal(["step 0"], view.Texts);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Single(view.Calls);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await view.WaitForCallsAsync(2);
        Assert.Equal(["step 0", "step 10"], view.Texts);
        Assert.Equal(TimeSpan.FromSeconds(1.5), Since(view.Calls[1].At));

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, view.Calls.Count);
    }

    [Fact]
    public async Task Post_SteadyStream_NoTwoSendsCloserThanTheInterval()
    {
        var view = new RecordingJobView(_time);
        var options = new ReplyThrottleOptions { Interval = TimeSpan.FromSeconds(2) };
        await using var throttle = new ReplyThrottle(view, _time, options);

        for (var i = 0; i < 50; i++)
        {
            throttle.Post(Step(i));
            _time.Advance(TimeSpan.FromMilliseconds(300));
        }

        var times = view.Calls.Select(c => Since(c.At)).ToList();
        Assert.Equal([0, 2.1, 4.2, 6.3, 8.4, 10.5, 12.6, 14.7], times.Select(t => Math.Round(t.TotalSeconds, 1)));
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= options.Interval));
    }

    [Fact]
    public async Task Post_WhileASendIsInFlight_NeverStartsASecondOne()
    {
        var view = new RecordingJobView(_time);
        var held = view.HoldNext();
        await using var throttle = new ReplyThrottle(view, _time);
        throttle.Post(Step(1));

        for (var i = 2; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            throttle.Post(Step(i));
        }

        Assert.Single(view.Calls);
        held.SetResult(ReplySendResult.Sent);
        await view.WaitForCallsAsync(2);

        Assert.Equal(["step 1", "step 19"], view.Texts);
        Assert.Equal(1, view.MaxInFlight);
    }

    [Fact]
    public async Task Final_ArrivingDuringAnInFlightSend_IsSentAfterItAndNothingOvertakesIt()
    {
        var view = new RecordingJobView(_time);
        var held = view.HoldNext();
        await using var throttle = new ReplyThrottle(view, _time);
        throttle.Post(Step(1));

        throttle.Post(Step(2));
        Assert.True(throttle.Post(ReplyState.Final("done", buttons: ReplyButtons.Reroll)));
        Assert.False(throttle.Post(Step(3)));
        Assert.Single(view.Calls);

        _time.Advance(TimeSpan.FromSeconds(3));
        held.SetResult(ReplySendResult.Sent);
        var delivery = await throttle.Completion.WaitAsync(HangGuard);

        Assert.Equal(["step 1", "done"], view.Texts);
        Assert.True(view.Calls[^1].State.IsFinal);
        Assert.Equal(new ReplyDelivery(ReplyOutcome.Delivered, 1), delivery);
    }

    [Fact]
    public async Task Final_AfterAFailedProgressSend_IsStillDelivered()
    {
        var view = new RecordingJobView(_time);
        view.FailNext(new HttpRequestException("502 from the chat service"));
        await using var throttle = new ReplyThrottle(view, _time);
        throttle.Post(Step(1));

        throttle.Post(ReplyState.Final("done"));
        _time.Advance(TimeSpan.FromSeconds(1.5));
        var delivery = await throttle.Completion.WaitAsync(HangGuard);

        Assert.Equal(["step 1", "done"], view.Texts);
        Assert.True(delivery.Delivered);
    }

    [Fact]
    public async Task Final_WhoseSendFails_IsRetriedWithBackoffUntilItIsDelivered()
    {
        var view = new RecordingJobView(_time);
        view.FailNext(new HttpRequestException("first"));
        view.FailNext(new HttpRequestException("second"));
        await using var throttle = new ReplyThrottle(view, _time);

        var finishing = throttle.FinishAsync(ReplyState.Final("done"));
        _time.Advance(TimeSpan.FromSeconds(2));
        await view.WaitForCallsAsync(2);
        _time.Advance(TimeSpan.FromSeconds(3.9));
        Assert.Equal(2, view.Calls.Count);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        var delivery = await finishing.WaitAsync(HangGuard);

        Assert.Equal([0, 2, 6], view.Calls.Select(c => Since(c.At).TotalSeconds));
        Assert.Equal(new ReplyDelivery(ReplyOutcome.Delivered, 3), delivery);
    }

    [Fact]
    public async Task Final_ThatKeepsFailing_IsReportedWithTheLastErrorAfterTheConfiguredAttempts()
    {
        var view = new RecordingJobView(_time);
        var last = new HttpRequestException("third");
        view.FailNext(new HttpRequestException("first"));
        view.FailNext(new HttpRequestException("second"));
        view.FailNext(last);
        view.FailNext(new HttpRequestException("never sent"));
        var options = new ReplyThrottleOptions { FinalAttempts = 3, FinalRetryDelay = TimeSpan.FromSeconds(1) };
        await using var throttle = new ReplyThrottle(view, _time, options);

        throttle.Post(ReplyState.Final("done"));
        _time.Advance(TimeSpan.FromSeconds(1.5));
        _time.Advance(TimeSpan.FromSeconds(2));
        _time.Advance(TimeSpan.FromMinutes(5));
        var delivery = await throttle.Completion.WaitAsync(HangGuard);

        Assert.Equal(ReplyOutcome.Failed, delivery.Outcome);
        Assert.Same(last, delivery.Error);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal([0, 1.5, 3.5], view.Calls.Select(c => Since(c.At).TotalSeconds));
    }

    [Fact]
    public async Task TwoMessages_ArePacedIndependently()
    {
        var viewA = new RecordingJobView(_time);
        var viewB = new RecordingJobView(_time);
        var heldA = viewA.HoldNext();
        await using var a = new ReplyThrottle(viewA, _time);
        await using var b = new ReplyThrottle(viewB, _time);

        a.Post(Step(1));
        _time.Advance(TimeSpan.FromSeconds(0.5));
        b.Post(Step(1));
        b.Post(Step(2));
        _time.Advance(TimeSpan.FromSeconds(1.5));

        Assert.Single(viewA.Calls);
        Assert.Equal(["step 1", "step 2"], viewB.Texts);
        Assert.Equal([0.5, 2.0], viewB.Calls.Select(c => Since(c.At).TotalSeconds));
        heldA.SetResult(ReplySendResult.Sent);
    }

    [Fact]
    public async Task Dispose_BeforeTheFinalIsSent_CancelsTheSendAndReportsAbandoned()
    {
        var view = new RecordingJobView(_time);
        view.HoldNext();
        var throttle = new ReplyThrottle(view, _time);
        throttle.Post(Step(1));
        throttle.Post(ReplyState.Final("done"));

        await throttle.DisposeAsync().AsTask().WaitAsync(HangGuard);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(ReplyOutcome.Abandoned, (await throttle.Completion).Outcome);
        Assert.Single(view.Calls);
        Assert.False(throttle.Post(Step(2)));
    }

    [Fact]
    public async Task ManyThreadsPosting_FinalIsTheLastSendAndSendsNeverOverlap()
    {
        var view = new RecordingJobView(TimeProvider.System);
        await using var throttle = new ReplyThrottle(view, TimeProvider.System, new ReplyThrottleOptions { Interval = TimeSpan.Zero });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                throttle.Post(Step((t * 1000) + i));
            }
        })));
        var delivery = await throttle.FinishAsync(ReplyState.Final("done")).WaitAsync(HangGuard);

        Assert.True(delivery.Delivered);
        Assert.Equal("done", view.Calls[^1].State.Text);
        Assert.Equal(1, view.Calls.Count(c => c.State.IsFinal));
        Assert.Equal(1, view.MaxInFlight);
    }

    [Fact]
    public async Task Post_WithAZeroIntervalAndAnInstantView_SendsEveryStateInOrder()
    {
        var view = new RecordingJobView(_time);
        await using var throttle = new ReplyThrottle(view, _time, new ReplyThrottleOptions { Interval = TimeSpan.Zero });

        for (var i = 0; i < 5; i++)
        {
            throttle.Post(Step(i));
        }

        Assert.Equal(["step 0", "step 1", "step 2", "step 3", "step 4"], view.Texts);
    }

    [Fact]
    public async Task FinishAsync_WithAProgressState_SaysWhatToPassInstead()
    {
        await using var throttle = new ReplyThrottle(new RecordingJobView(_time), _time);

        var error = Assert.Throws<ArgumentException>(() => { _ = throttle.FinishAsync(Step(1)); });

        Assert.Contains("ReplyState.Final", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(ReplyThrottleOptions.Interval))]
    [InlineData(nameof(ReplyThrottleOptions.FinalAttempts))]
    [InlineData(nameof(ReplyThrottleOptions.FinalRetryDelay))]
    [InlineData(nameof(ReplyThrottleOptions.MaxRateLimitWaits))]
    [InlineData(nameof(ReplyThrottleOptions.MaxPlaceEditsInFlight))]
    public void Options_WithAnImpossibleValue_NameTheKey(string key)
    {
        var options = new ReplyThrottleOptions();
        switch (key)
        {
            case nameof(ReplyThrottleOptions.Interval): options.Interval = TimeSpan.FromSeconds(-1); break;
            case nameof(ReplyThrottleOptions.FinalAttempts): options.FinalAttempts = 0; break;
            case nameof(ReplyThrottleOptions.FinalRetryDelay): options.FinalRetryDelay = TimeSpan.FromSeconds(-1); break;
            case nameof(ReplyThrottleOptions.MaxPlaceEditsInFlight): options.MaxPlaceEditsInFlight = 0; break;
            default: options.MaxRateLimitWaits = -1; break;
        }

        var error = Assert.Single(options.Validate());

        Assert.StartsWith($"ComfyBot:Jobs:Reply:{key} is ", error, StringComparison.Ordinal);
    }
}

using ComfyBot.Core.Progress;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Progress;

/// <summary>
/// FirstEditDelay lets a job that ends at once show its final state as the reply's first edit, instead of a queued
/// state followed by the final one a whole interval later.
/// </summary>
public sealed class ReplyThrottleFirstEditTests
{
    private static readonly ReplyThrottleOptions Options = new() { FirstEditDelay = TimeSpan.FromMilliseconds(300) };
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task FirstProgressState_WaitsTheDelay_CountedFromTheReplysCreation()
    {
        var view = new RecordingJobView(_time);
        await using var throttle = new ReplyThrottle(view, _time, Options);
        _time.Advance(TimeSpan.FromMilliseconds(100));

        throttle.Post(ReplyState.Progress("queued"));
        _time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Empty(view.Calls);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await view.WaitForCallsAsync(1);
        Assert.Equal(["queued"], view.Texts);
    }

    [Fact]
    public async Task FinalWithinTheDelay_IsTheFirstEdit_SentAtOnce_AndNoProgressStateIsSent()
    {
        var view = new RecordingJobView(_time);
        await using var throttle = new ReplyThrottle(view, _time, Options);
        throttle.Post(ReplyState.Progress("queued"));
        _time.Advance(TimeSpan.FromMilliseconds(20));

        var delivery = throttle.FinishAsync(ReplyState.Final("done"));

        Assert.True((await delivery.WaitAsync(TimeSpan.FromSeconds(10))).Delivered);
        Assert.Equal(["done"], view.Texts);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Single(view.Calls);
    }

    [Fact]
    public async Task AfterTheFirstEdit_TheIntervalStillPacesEveryLaterEdit()
    {
        var view = new RecordingJobView(_time);
        await using var throttle = new ReplyThrottle(view, _time, Options);
        throttle.Post(ReplyState.Progress("queued"));
        _time.Advance(TimeSpan.FromMilliseconds(300));
        await view.WaitForCallsAsync(1);

        _ = throttle.FinishAsync(ReplyState.Final("done"));
        _time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.Single(view.Calls);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await view.WaitForCallsAsync(2);
        Assert.Equal(["queued", "done"], view.Texts);
    }

    [Fact]
    public void Validate_NegativeDelay_NamesTheKey()
    {
        var error = Assert.Single(new ReplyThrottleOptions { FirstEditDelay = TimeSpan.FromSeconds(-1) }.Validate());
        Assert.StartsWith("ComfyBot:Jobs:Reply:FirstEditDelay is -00:00:01", error, StringComparison.Ordinal);
    }
}

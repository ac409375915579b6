using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Tests.Progress;

/// <summary>The final delivery's own rules: its counts, its backoff and give-ups, and one outcome per reply.</summary>
public sealed class FinalDeliveryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Failed_sends_back_off_doubling_and_the_last_allowed_one_gives_up_counting_rate_limits_in_the_outcome()
    {
        var final = new FinalDelivery(new ReplyThrottleOptions { FinalAttempts = 3, FinalRetryDelay = TimeSpan.FromSeconds(2), MaxRateLimitWaits = 5 });
        var error = new HttpRequestException("boom");

        Assert.Null(final.AfterRateLimit().Failed);
        Assert.Equal(Now + TimeSpan.FromSeconds(2), final.AfterError(error, Now).NotBefore);
        Assert.Equal(Now + TimeSpan.FromSeconds(4), final.AfterError(error, Now).NotBefore);
        var gaveUp = final.AfterError(error, Now);

        Assert.Equal(3, gaveUp.LoggedAttempts);
        Assert.Equal(new ReplyDelivery(ReplyOutcome.Failed, 4, error), gaveUp.Failed);
        Assert.False(final.Completion.IsCompleted);
    }

    [Fact]
    public void An_outage_waits_at_most_a_minute_between_tries_and_gives_up_once_it_lasted_the_limit()
    {
        var final = new FinalDelivery(new ReplyThrottleOptions { FinalRetryDelay = TimeSpan.FromSeconds(20), FinalOutageLimit = TimeSpan.FromMinutes(10) });
        var outage = new HttpRequestException("503");

        Assert.Equal(Now + TimeSpan.FromSeconds(20), final.AfterOutage(outage, Now).NotBefore);
        Assert.Equal(Now + TimeSpan.FromSeconds(40), final.AfterOutage(outage, Now).NotBefore);
        Assert.Equal(Now + TimeSpan.FromMinutes(1), final.AfterOutage(outage, Now).NotBefore);
        var gaveUp = final.AfterOutage(outage, Now + TimeSpan.FromMinutes(10));

        Assert.Equal(4, gaveUp.LoggedAttempts);
        Assert.Equal(new ReplyDelivery(ReplyOutcome.Failed, 4, outage), gaveUp.Failed);
    }

    [Fact]
    public void Rate_limits_past_the_allowed_waits_give_up_with_a_timeout()
    {
        var final = new FinalDelivery(new ReplyThrottleOptions { MaxRateLimitWaits = 2 });

        Assert.Null(final.AfterRateLimit().Failed);
        Assert.Null(final.AfterRateLimit().Failed);
        var gaveUp = final.AfterRateLimit();

        Assert.Equal(3, gaveUp.LoggedAttempts);
        Assert.Equal(ReplyOutcome.Failed, gaveUp.Failed!.Outcome);
        Assert.IsType<TimeoutException>(gaveUp.Failed.Error);
        Assert.Contains("3 times", gaveUp.Failed.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_outcome_wins_and_a_completion_asked_for_later_still_gets_it()
    {
        var final = new FinalDelivery(new ReplyThrottleOptions());
        final.AfterError(new HttpRequestException("boom"), Now);

        final.Delivered();
        final.Abandoned();

        Assert.Equal(new ReplyDelivery(ReplyOutcome.Delivered, 2), await final.Completion);
    }

    [Fact]
    public async Task A_completion_asked_for_first_completes_with_the_outcome_reported_later()
    {
        var final = new FinalDelivery(new ReplyThrottleOptions());
        var completion = final.Completion;
        final.AfterRateLimit();

        final.Abandoned();

        Assert.Equal(new ReplyDelivery(ReplyOutcome.Abandoned, 1), await completion);
    }
}

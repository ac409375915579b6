namespace ComfyBot.Core.Progress;

/// <summary>
/// The delivery of one reply's final state: its tries (the sends that failed, the outage it met, the rate limits it
/// waited out), when to try again (a doubling delay, capped at a minute in an outage) or give up
/// (<see cref="ReplyThrottleOptions.FinalAttempts"/>, <see cref="ReplyThrottleOptions.FinalOutageLimit"/>,
/// <see cref="ReplyThrottleOptions.MaxRateLimitWaits"/>), and its outcome, reported once through
/// <see cref="Completion"/>. Its <see cref="ReplyThrottle"/> makes it only when needed (a queued reply between edits
/// holds none) and calls it under its own lock.
/// </summary>
/// <param name="options">The reply pacing settings.</param>
internal sealed class FinalDelivery(ReplyThrottleOptions options)
{
    private static readonly TimeSpan MaxOutageWait = TimeSpan.FromMinutes(1);

    // The completion is made when someone asks for it; until then the outcome waits in _outcome.
    private TaskCompletionSource<ReplyDelivery>? _completion;
    private ReplyDelivery? _outcome;
    private int _failures;
    private int _outageRetries;
    private DateTimeOffset? _outageSince;
    private int _rateLimits;

    /// <summary>Completes with the outcome once one is reported; never faults.</summary>
    public Task<ReplyDelivery> Completion
    {
        get
        {
            if (_completion is null)
            {
                _completion = new TaskCompletionSource<ReplyDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_outcome is { } outcome)
                {
                    _completion.TrySetResult(outcome);
                }
            }

            return _completion.Task;
        }
    }

    /// <summary>Reports the final state on the message, after every try it took.</summary>
    public void Delivered() => Report(new ReplyDelivery(ReplyOutcome.Delivered, _failures + _rateLimits + _outageRetries + 1));

    /// <summary>Reports the final state abandoned (the throttle was disposed first), unless an outcome came before.</summary>
    public void Abandoned() => Report(new ReplyDelivery(ReplyOutcome.Abandoned, _failures + _rateLimits));

    /// <summary>After a send that threw <paramref name="error"/>: try again after a doubling delay, or give up once <see cref="ReplyThrottleOptions.FinalAttempts"/> sends failed.</summary>
    public Verdict AfterError(Exception error, DateTimeOffset now) =>
        ++_failures >= options.FinalAttempts
            ? GiveUp(_failures, new ReplyDelivery(ReplyOutcome.Failed, _failures + _rateLimits, error))
            : new Verdict(now + (options.FinalRetryDelay * Math.Pow(2, _failures - 1)), null, 0);

    /// <summary>
    /// After a send the chat service could not take (<paramref name="outage"/>): try again after a doubling delay of at
    /// most a minute, or give up once the outage has lasted <see cref="ReplyThrottleOptions.FinalOutageLimit"/>.
    /// </summary>
    public Verdict AfterOutage(Exception outage, DateTimeOffset now)
    {
        if (now - (_outageSince ??= now) >= options.FinalOutageLimit)
        {
            var attempts = _failures + _rateLimits + ++_outageRetries;
            return GiveUp(attempts, new ReplyDelivery(ReplyOutcome.Failed, attempts, outage));
        }

        var wait = options.FinalRetryDelay * Math.Pow(2, Math.Min(++_outageRetries - 1, 16));
        return new Verdict(now + (wait < MaxOutageWait ? wait : MaxOutageWait), null, 0);
    }

    /// <summary>After a rate limit (whose wait the throttle keeps): give up past <see cref="ReplyThrottleOptions.MaxRateLimitWaits"/>, otherwise go on.</summary>
    public Verdict AfterRateLimit()
    {
        if (++_rateLimits <= options.MaxRateLimitWaits)
        {
            return default;
        }

        var limited = new TimeoutException($"The chat service rate limited the final reply {_rateLimits} times; gave up.");
        return GiveUp(_failures + _rateLimits, new ReplyDelivery(ReplyOutcome.Failed, _failures + _rateLimits, limited));
    }

    /// <summary>Reports <paramref name="outcome"/> through <see cref="Completion"/>; the first outcome reported wins.</summary>
    public void Report(ReplyDelivery outcome)
    {
        if (_outcome is not null)
        {
            return;
        }

        _outcome = outcome;
        _completion?.TrySetResult(outcome);
    }

    // The caller logs the give-up before it reports the outcome, so whoever awaits the completion finds the log line.
    private static Verdict GiveUp(int loggedAttempts, ReplyDelivery failed) => new(default, failed, loggedAttempts);

    /// <summary>What to do after a final send met trouble: send again not before <see cref="NotBefore"/>, or give up and report <see cref="Failed"/>.</summary>
    /// <param name="NotBefore">When the final state may be sent again; unset when the verdict gives up or adds no wait.</param>
    /// <param name="Failed">The outcome to report when giving up; null while trying on.</param>
    /// <param name="LoggedAttempts">The attempts the log line of a give-up names.</param>
    internal readonly record struct Verdict(DateTimeOffset NotBefore, ReplyDelivery? Failed, int LoggedAttempts);
}

namespace ComfyBot.Core.Progress;

/// <summary>How often a reply message may be edited and how hard a final state is retried.</summary>
public sealed class ReplyThrottleOptions
{
    /// <summary>The least time between the starts of two sends to one message.</summary>
    /// <value>1.5 seconds.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// How long after the reply is created its first progress edit waits. A job that finishes within it shows its
    /// final state as the first edit, without a queued state before it and without waiting out <see cref="Interval"/>
    /// for the final; a final state is never held by it.
    /// </summary>
    /// <value>Zero (the host's settings choose 0.3 seconds).</value>
    public TimeSpan FirstEditDelay { get; set; }

    /// <summary>How many times a final state is sent before the failure is reported (rate-limited tries excluded).</summary>
    /// <value>4.</value>
    public int FinalAttempts { get; set; } = 4;

    /// <summary>The wait after the first failed final send; it doubles after each further failure.</summary>
    /// <value>2 seconds.</value>
    public TimeSpan FinalRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a final state keeps being retried while the chat service is unreachable or failing on its side
    /// (<see cref="ReplySendResult.Unavailable"/>): an outage of the chat service must not lose a finished job's reply.
    /// Retries back off from <see cref="FinalRetryDelay"/>, doubling up to a minute apart.
    /// </summary>
    /// <value>1 hour.</value>
    public TimeSpan FinalOutageLimit { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many place-in-line edits (of all waiting replies together) may be in flight at once; the others wait their
    /// turn (first edits and the front places first, the places further back in the order they asked), each sending its newest state when its turn comes. Running and final edits and the
    /// interaction callbacks never wait for these. Used by the job engine, which shares one <see cref="ReplyEditSlots"/>
    /// between every reply.
    /// </summary>
    /// <value>4.</value>
    public int MaxPlaceEditsInFlight { get; set; } = 4;

    /// <summary>How many rate-limit answers in a row a final state waits out before its failure is reported.</summary>
    /// <value>10.</value>
    public int MaxRateLimitWaits { get; set; } = 10;

    /// <summary>Every value that cannot work, each with its key under <paramref name="section"/> and the fix; empty when all can.</summary>
    public IReadOnlyList<string> Validate(string section = "ComfyBot:Jobs:Reply")
    {
        var problems = new List<string>();
        if (Interval < TimeSpan.Zero)
        {
            problems.Add($"{section}:Interval is {Interval}; set it to zero or more (default 00:00:01.5).");
        }

        if (FirstEditDelay < TimeSpan.Zero)
        {
            problems.Add($"{section}:FirstEditDelay is {FirstEditDelay}; set it to zero or more (such as 00:00:00.3).");
        }

        if (FinalAttempts < 1)
        {
            problems.Add($"{section}:FinalAttempts is {FinalAttempts}; set it to 1 or more (default 4).");
        }

        if (FinalRetryDelay < TimeSpan.Zero)
        {
            problems.Add($"{section}:FinalRetryDelay is {FinalRetryDelay}; set it to zero or more (default 00:00:02).");
        }

        if (FinalOutageLimit < TimeSpan.Zero)
        {
            problems.Add($"{section}:FinalOutageLimit is {FinalOutageLimit}; set it to zero or more (default 01:00:00).");
        }

        if (MaxPlaceEditsInFlight < 1)
        {
            problems.Add($"{section}:MaxPlaceEditsInFlight is {MaxPlaceEditsInFlight}; set it to 1 or more (default 4).");
        }

        if (MaxRateLimitWaits < 0)
        {
            problems.Add($"{section}:MaxRateLimitWaits is {MaxRateLimitWaits}; set it to 0 or more (default 10).");
        }

        return problems;
    }
}

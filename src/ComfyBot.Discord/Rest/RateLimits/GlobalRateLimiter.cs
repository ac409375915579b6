namespace ComfyBot.Discord.Rest.RateLimits;

/// <summary>
/// The bot-wide limit: at most N requests in any one-second window (Discord: 50), and a full stop while a global
/// 429 is in force. Interaction-token routes are exempt from the count but not from a global pause.
/// </summary>
internal sealed class GlobalRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly TimeProvider _time;
    private readonly int _perSecond;
    private DateTimeOffset _pausedUntil;

    public GlobalRateLimiter(TimeProvider time, int requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerSecond, 1);
        _time = time;
        _perSecond = requestsPerSecond;
    }

    /// <summary>When the current global pause ends; in the past when there is none.</summary>
    public DateTimeOffset PausedUntil
    {
        get
        {
            lock (_gate)
            {
                return _pausedUntil;
            }
        }
    }

    /// <summary>Waits for a global pause to end and, unless <paramref name="exempt"/>, for a slot in the window.</summary>
    public async ValueTask AcquireAsync(bool exempt, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                if (now < _pausedUntil)
                {
                    wait = _pausedUntil - now;
                }
                else if (exempt)
                {
                    return;
                }
                else
                {
                    while (_recent.Count > 0 && now - _recent.Peek() >= Window)
                    {
                        _recent.Dequeue();
                    }

                    if (_recent.Count < _perSecond)
                    {
                        _recent.Enqueue(now);
                        return;
                    }

                    wait = _recent.Peek() + Window - now;
                }
            }

            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    /// <summary>A global 429: every request waits <paramref name="retryAfter"/>.</summary>
    public void Pause(TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var until = _time.GetUtcNow() + retryAfter;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }
}

using Microsoft.Extensions.Logging;

namespace ComfyBot.Discord.Rest.RateLimits;

/// <summary>
/// Counts 401, 403 and (non-shared) 429 answers in a sliding ten-minute window. Cloudflare bans the IP for a while
/// at 10,000; we shout at the warning and error thresholds long before that.
/// </summary>
internal sealed class InvalidRequestCounter(TimeProvider time, ILogger logger, int warningThreshold, int errorThreshold)
{
    /// <summary>The window Discord counts invalid requests in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>Where Discord bans.</summary>
    public const int BanThreshold = 10_000;

    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _seen = new();
    private bool _warned;
    private bool _errored;

    /// <summary>Invalid requests in the last ten minutes.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                Prune(time.GetUtcNow());
                return _seen.Count;
            }
        }
    }

    /// <summary>Records one invalid answer and logs if a threshold was crossed.</summary>
    public void Record(int statusCode)
    {
        int count;
        bool warn = false, error = false;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Prune(now);
            _seen.Enqueue(now);
            count = _seen.Count;
            if (count >= errorThreshold && !_errored)
            {
                _errored = error = true;
            }
            else if (count >= warningThreshold && !_warned)
            {
                _warned = warn = true;
            }
        }

        if (error)
        {
            RestLog.InvalidRequestsCritical(logger, count, Window.TotalMinutes, BanThreshold, statusCode);
        }
        else if (warn)
        {
            RestLog.InvalidRequestsHigh(logger, count, Window.TotalMinutes, BanThreshold, statusCode);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (_seen.Count > 0 && now - _seen.Peek() >= Window)
        {
            _seen.Dequeue();
        }

        // Re-arm the alarms once the window has drained, so a second surge is reported too.
        if (_seen.Count < warningThreshold / 2)
        {
            _warned = false;
            _errored = false;
        }
        else if (_seen.Count < errorThreshold / 2)
        {
            _errored = false;
        }
    }
}

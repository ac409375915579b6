using Microsoft.Extensions.Logging;

namespace ComfyBot.Discord.Gateway;

/// <summary>
/// Decides when a shard may IDENTIFY: never past session_start_limit.remaining (wait for reset_after
/// instead), and at most one IDENTIFY per 5 s for each rate-limit key shard_id % max_concurrency.
/// Shared by every shard of one bot.
/// </summary>
internal sealed class GatewayIdentifyGate
{
    public static readonly TimeSpan BucketInterval = TimeSpan.FromSeconds(5);

    private readonly GatewayBotCache _bots;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, DateTimeOffset> _nextSlot = [];
    private int _remaining;
    private int _maxConcurrency;
    private DateTimeOffset _resetAt;

    public GatewayIdentifyGate(GatewayBotCache bots, SessionStartLimit limit, TimeProvider timeProvider, ILogger logger)
    {
        _bots = bots;
        _timeProvider = timeProvider;
        _logger = logger;
        Update(limit);
    }

    /// <summary>Waits until <paramref name="shardId"/> may identify, and takes that session start.</summary>
    public async Task WaitAsync(int shardId, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            var reserved = false;
            var refresh = false;
            lock (_gate)
            {
                var now = _timeProvider.GetUtcNow();
                if (_remaining > 0)
                {
                    var key = shardId % _maxConcurrency;
                    var slot = _nextSlot.TryGetValue(key, out var next) && next > now ? next : now;
                    _nextSlot[key] = slot + BucketInterval;
                    _remaining--;
                    reserved = true;
                    wait = slot - now;
                }
                else
                {
                    refresh = now >= _resetAt;
                    wait = refresh ? TimeSpan.Zero : _resetAt - now;
                }
            }

            if (refresh)
            {
                // The limit has reset by now; ask Discord how many starts we really have.
                Update((await _bots.RefreshAsync(cancellationToken)).SessionStartLimit);
                continue;
            }

            if (!reserved)
            {
                _logger.LogWarning("No session starts left (session_start_limit.remaining = 0); shard {Shard} waits {Wait} for the limit to reset", shardId, wait);
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _timeProvider, cancellationToken);
            }

            if (reserved)
            {
                return;
            }
        }
    }

    private void Update(SessionStartLimit limit)
    {
        lock (_gate)
        {
            _remaining = limit.Remaining;
            _maxConcurrency = Math.Max(1, limit.MaxConcurrency);
            // A zero reset_after with nothing remaining would spin; wait at least a second before asking again.
            var resetAfter = limit.Remaining > 0 ? Math.Max(0, limit.ResetAfter) : Math.Max(1000, limit.ResetAfter);
            _resetAt = _timeProvider.GetUtcNow() + TimeSpan.FromMilliseconds(resetAfter);
        }
    }
}

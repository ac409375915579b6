using Microsoft.Extensions.Logging;

namespace ComfyBot.Discord.Gateway;

/// <summary>
/// Keeps one connection alive: beats at the interval HELLO gives (the first beat jittered), answers the
/// server's op 1 at once, and when a beat goes unacknowledged marks the connection a zombie and cancels it,
/// so the session resumes on a new one.
/// </summary>
internal sealed class GatewayHeartbeat
{
    private readonly GatewaySender _sender;
    private readonly CancellationTokenSource _connection;
    private readonly CancellationToken _token;
    private readonly int _shardId;
    private readonly Func<int?> _sequence;
    private readonly Func<double> _nextRandom;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private volatile bool _acked = true;
    private volatile bool _zombie;

    /// <param name="sender">The connection's sender; beats jump its queue.</param>
    /// <param name="connection">Cancelled when the connection turns out a zombie.</param>
    /// <param name="shardId">For the log.</param>
    /// <param name="sequence">The session's last sequence number, which every beat carries.</param>
    /// <param name="nextRandom">The session's shared random source, for the first beat's jitter.</param>
    /// <param name="timeProvider">The clock the intervals run on.</param>
    /// <param name="logger">The session's logger.</param>
    public GatewayHeartbeat(
        GatewaySender sender,
        CancellationTokenSource connection,
        int shardId,
        Func<int?> sequence,
        Func<double> nextRandom,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _sender = sender;
        _connection = connection;
        _token = connection.Token;
        _shardId = shardId;
        _sequence = sequence;
        _nextRandom = nextRandom;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The beat loop once HELLO started it; completes when the connection ends.</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    /// <summary>Whether a beat went unacknowledged, which is why the connection was cancelled.</summary>
    public bool Zombie => _zombie;

    /// <summary>Starts beating at HELLO's <c>heartbeat_interval</c>.</summary>
    public void Start(TimeSpan interval) => Running = RunAsync(interval);

    /// <summary>Records a HEARTBEAT_ACK (op 11).</summary>
    public void Acknowledge() => _acked = true;

    /// <summary>Beats now, as the server's op 1 asks.</summary>
    public void BeatNow() => _sender.EnqueueHeartbeat(GatewayPayloads.Heartbeat(_sequence()));

    private async Task RunAsync(TimeSpan interval)
    {
        try
        {
            // The first beat is jittered so that many clients reconnecting at once don't beat in step.
            await Task.Delay(interval * _nextRandom(), _timeProvider, _token);
            while (true)
            {
                if (!_acked)
                {
                    _logger.LogWarning("Shard {Shard}: no heartbeat ACK within {Interval}; reconnecting", _shardId, interval);
                    _zombie = true;
                    await _connection.CancelAsync();
                    return;
                }

                _acked = false;

                // Start the next wait before sending, so the interval does not include the send.
                var next = Task.Delay(interval, _timeProvider, _token);
                BeatNow();
                await next;
            }
        }
        catch (OperationCanceledException) when (_token.IsCancellationRequested)
        {
            // The connection ended.
        }
    }
}

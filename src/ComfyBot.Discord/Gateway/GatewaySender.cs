using System.Threading.Channels;

namespace ComfyBot.Discord.Gateway;

/// <summary>
/// The only code that sends on a connection (ClientWebSocket allows one send at a time). Heartbeats jump
/// the queue; ordinary sends wait for the send limiter, and a heartbeat that arrives meanwhile still goes.
/// </summary>
internal sealed class GatewaySender
{
    private readonly IGatewayTransport _transport;
    private readonly GatewaySendLimiter _limiter;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<byte[]> _heartbeats = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<byte[]> _payloads = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

    public GatewaySender(IGatewayTransport transport, GatewaySendLimiter limiter, TimeProvider timeProvider)
    {
        _transport = transport;
        _limiter = limiter;
        _timeProvider = timeProvider;
    }

    public void EnqueueHeartbeat(byte[] payload) => _heartbeats.Writer.TryWrite(payload);

    public void Enqueue(byte[] payload)
    {
        if (payload.Length > GatewayPayloads.MaxPayloadBytes)
        {
            throw new ArgumentException($"A gateway payload is {payload.Length} bytes; Discord closes the connection above {GatewayPayloads.MaxPayloadBytes}.", nameof(payload));
        }

        _payloads.Writer.TryWrite(payload);
    }

    /// <summary>Sends until cancelled; a transport failure ends the loop with that exception.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        byte[]? pending = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_heartbeats.Reader.TryRead(out var heartbeat))
            {
                await SendAsync(heartbeat, heartbeat: true, cancellationToken);
                continue;
            }

            if (pending is null && !_payloads.Reader.TryRead(out pending))
            {
                await WaitForWorkAsync(TimeSpan.MaxValue, cancellationToken);
                continue;
            }

            var wait = _limiter.TimeUntilAllowed(heartbeat: false);
            if (wait == TimeSpan.Zero)
            {
                await SendAsync(pending, heartbeat: false, cancellationToken);
                pending = null;
                continue;
            }

            await WaitForWorkAsync(wait, cancellationToken);
        }
    }

    private async ValueTask SendAsync(byte[] payload, bool heartbeat, CancellationToken cancellationToken)
    {
        // Heartbeats only wait if 120 sends already happened, which the reserve for ordinary sends prevents.
        var wait = _limiter.TimeUntilAllowed(heartbeat);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _timeProvider, cancellationToken);
        }

        _limiter.Record();
        await _transport.SendAsync(payload, cancellationToken);
    }

    /// <summary>Waits until a heartbeat is queued, an ordinary payload is queued, or <paramref name="limit"/> passes.</summary>
    private async Task WaitForWorkAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new List<Task>(3) { _heartbeats.Reader.WaitToReadAsync(waiting.Token).AsTask() };
        if (limit == TimeSpan.MaxValue)
        {
            tasks.Add(_payloads.Reader.WaitToReadAsync(waiting.Token).AsTask());
        }
        else
        {
            tasks.Add(Task.Delay(limit, _timeProvider, waiting.Token));
        }

        await Task.WhenAny(tasks);
        await waiting.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}

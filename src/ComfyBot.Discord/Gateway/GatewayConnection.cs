using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using ComfyBot.Discord.Gateway.Wire;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Discord.Gateway;

/// <summary>
/// One connection of a <see cref="GatewaySession"/>, from the open socket to its end: runs the sender and the
/// <see cref="GatewayHeartbeat"/> beside the receive loop, answers each opcode, and says how the connection ended
/// and what the session should do next. What outlives the connection (session id, sequence, counters) is the
/// session's; this type only reports it there.
/// </summary>
internal sealed class GatewayConnection : IDisposable
{
    /// <summary>Any code but 1000/1001 keeps the session resumable.</summary>
    private const int ResumableCloseCode = 4000;

    private readonly GatewaySession _session;
    private readonly IGatewayTransport _transport;
    private readonly ArrayBufferWriter<byte> _receiveBuffer;
    private readonly GatewayDispatcher _dispatcher;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _token;
    private readonly GatewaySender _sender;
    private readonly GatewayHeartbeat _heartbeat;
    private volatile bool _established;
    private Exception? _sendFailure;

    /// <param name="session">The session this connection serves; receives the sequence, READY and the counters.</param>
    /// <param name="transport">Already connected.</param>
    /// <param name="receiveBuffer">The session's buffer, reused across connections.</param>
    /// <param name="dispatcher">Where dispatches go.</param>
    /// <param name="timeProvider">The clock of the heartbeat and the send limit.</param>
    /// <param name="logger">The session's logger.</param>
    /// <param name="cancellationToken">Stops the session, and with it this connection.</param>
    public GatewayConnection(
        GatewaySession session,
        IGatewayTransport transport,
        ArrayBufferWriter<byte> receiveBuffer,
        GatewayDispatcher dispatcher,
        TimeProvider timeProvider,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        _session = session;
        _transport = transport;
        _receiveBuffer = receiveBuffer;
        _dispatcher = dispatcher;
        _logger = logger;
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _token = _source.Token;
        _sender = new GatewaySender(transport, new GatewaySendLimiter(timeProvider), timeProvider);
        _heartbeat = new GatewayHeartbeat(_sender, _source, session.ShardId, () => session.Sequence, session.NextRandom, timeProvider, logger);
    }

    /// <summary>Runs the connection until it ends; <paramref name="resume"/> answers HELLO with RESUME instead of IDENTIFY.</summary>
    public async Task<GatewayConnectionOutcome> RunAsync(bool resume, CancellationToken cancellationToken)
    {
        var sending = RunSenderAsync();
        var closeCode = ResumableCloseCode;
        try
        {
            return await ReceiveAsync(resume);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            closeCode = (int)WebSocketCloseStatus.NormalClosure;
            throw;
        }
        catch (OperationCanceledException) when (_heartbeat.Zombie)
        {
            return new(GatewayCloseAction.Resume, "zombie connection: no heartbeat ACK", _established);
        }
        catch (OperationCanceledException) when (_sendFailure is not null)
        {
            return new(GatewayCloseAction.Resume, $"send failed: {_sendFailure.Message}", _established);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or JsonException or InvalidDataException)
        {
            _logger.LogWarning(ex, "Shard {Shard} connection failed", _session.ShardId);
            return new(GatewayCloseAction.Resume, $"connection error: {ex.Message}", _established);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Anything else is unexpected; one bad frame or transport quirk must not end the bot's gateway,
            // so log it loudly and reconnect through the backoff.
            _logger.LogError(ex, "Shard {Shard} connection failed unexpectedly", _session.ShardId);
            return new(GatewayCloseAction.Resume, $"unexpected error: {ex.GetType().Name}", _established);
        }
        finally
        {
            await _source.CancelAsync();
            await Quietly(_heartbeat.Running);
            await Quietly(sending);
            await _transport.CloseAsync(closeCode, closeCode == ResumableCloseCode ? "reconnecting" : "stopping", CancellationToken.None);
        }
    }

    public void Dispose() => _source.Dispose();

    private async Task<GatewayConnectionOutcome> ReceiveAsync(bool resume)
    {
        while (true)
        {
            _receiveBuffer.ResetWrittenCount();
            var received = await _transport.ReceiveAsync(_receiveBuffer, _token);
            if (received.IsClose)
            {
                var close = GatewayCloseClassification.Classify(received.CloseCode);
                _session.LastClose = close;
                return new(close.Action, close.Description, _established, received.CloseCode);
            }

            var outcome = Handle(GatewayFrame.Read(_receiveBuffer.WrittenSpan), resume);
            if (outcome is not null)
            {
                return outcome.Value;
            }
        }
    }

    private GatewayConnectionOutcome? Handle(GatewayFrame frame, bool resume)
    {
        switch ((GatewayOpcode)frame.Opcode)
        {
            case GatewayOpcode.Dispatch:
                if (frame.Sequence is { } sequence)
                {
                    _session.Advance(sequence);
                }

                OnDispatch(frame);
                return null;
            case GatewayOpcode.Hello:
                var hello = JsonSerializer.Deserialize(frame.Data, GatewayJsonContext.Default.JsonHello);
                if (hello is null || hello.HeartbeatInterval <= 0)
                {
                    throw new JsonException("HELLO carried no positive heartbeat_interval.");
                }

                _heartbeat.Start(TimeSpan.FromMilliseconds(hello.HeartbeatInterval));
                _sender.Enqueue(_session.Greeting(resume));
                return null;
            case GatewayOpcode.HeartbeatAck:
                _heartbeat.Acknowledge();
                return null;
            case GatewayOpcode.Heartbeat:
                _heartbeat.BeatNow();
                return null;
            case GatewayOpcode.Reconnect:
                return new(GatewayCloseAction.Resume, "op 7 reconnect requested", _established);
            case GatewayOpcode.InvalidSession:
                // d=false: the session is gone; wait a random 1-5 s so shards don't re-identify in lockstep.
                return frame.Data.SequenceEqual("true"u8)
                    ? new(GatewayCloseAction.Resume, "op 9 invalid session (resumable)", _established)
                    : new(GatewayCloseAction.Reidentify, "op 9 invalid session (not resumable)", _established,
                        Delay: TimeSpan.FromSeconds(1 + (4 * _session.NextRandom())));
            default:
                return null;
        }
    }

    private void OnDispatch(GatewayFrame frame)
    {
        var name = frame.EventName ?? string.Empty;
        var data = frame.Data.ToArray();
        if (ReferenceEquals(name, GatewayEventNames.Ready))
        {
            var ready = JsonSerializer.Deserialize(data, GatewayJsonContext.Default.JsonReady)
                ?? throw new JsonException("READY carried no data.");
            _session.OnReady(ready);
            _established = true;
        }
        else if (ReferenceEquals(name, GatewayEventNames.Resumed))
        {
            _established = true;
            _session.OnResumed();
        }

        _dispatcher.Publish(new GatewayDispatch(_session.ShardId, name, frame.Sequence ?? 0, data));
    }

    private async Task RunSenderAsync()
    {
        try
        {
            await _sender.RunAsync(_token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_token.IsCancellationRequested)
        {
            _sendFailure = ex;
            await _source.CancelAsync();
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Expected when the connection ends.
        }
    }
}

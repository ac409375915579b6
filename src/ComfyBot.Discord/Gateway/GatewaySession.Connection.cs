using System.Net.WebSockets;
using System.Text.Json;
using ComfyBot.Discord.Gateway.Wire;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Discord.Gateway;

/// <summary>One connection of a session: receive loop and the reaction to each opcode; <see cref="GatewayHeartbeat"/> keeps it alive.</summary>
public sealed partial class GatewaySession
{
    /// <summary>Any code but 1000/1001 keeps the session resumable.</summary>
    private const int ResumableCloseCode = 4000;

    private async Task<GatewayConnectionOutcome> RunConnectionAsync(Uri url, bool resume, CancellationToken cancellationToken)
    {
        try
        {
            await _transport.ConnectAsync(url, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Shard {Shard} could not connect to {Host}", ShardId, url.Host);
            if (!resume)
            {
                // The cached /gateway/bot URL failed: ask for it again next time.
                _bots.Invalidate();
            }

            return new(GatewayCloseAction.Resume, "connect failed", Established: false);
        }

        using var connection = new Connection(CancellationTokenSource.CreateLinkedTokenSource(cancellationToken));
        var sender = new GatewaySender(_transport, new GatewaySendLimiter(_timeProvider), _timeProvider);
        var heartbeat = new GatewayHeartbeat(sender, connection.Source, ShardId, () => Sequence, NextRandom, _timeProvider, _logger);
        var sending = RunSenderAsync(sender, connection);
        var closeCode = ResumableCloseCode;
        try
        {
            return await ReceiveAsync(sender, heartbeat, connection, resume);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            closeCode = (int)WebSocketCloseStatus.NormalClosure;
            throw;
        }
        catch (OperationCanceledException) when (heartbeat.Zombie)
        {
            return new(GatewayCloseAction.Resume, "zombie connection: no heartbeat ACK", connection.Established);
        }
        catch (OperationCanceledException) when (connection.SendFailure is not null)
        {
            return new(GatewayCloseAction.Resume, $"send failed: {connection.SendFailure.Message}", connection.Established);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or JsonException or InvalidDataException)
        {
            _logger.LogWarning(ex, "Shard {Shard} connection failed", ShardId);
            return new(GatewayCloseAction.Resume, $"connection error: {ex.Message}", connection.Established);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Anything else is unexpected; one bad frame or transport quirk must not end the bot's gateway,
            // so log it loudly and reconnect through the backoff.
            _logger.LogError(ex, "Shard {Shard} connection failed unexpectedly", ShardId);
            return new(GatewayCloseAction.Resume, $"unexpected error: {ex.GetType().Name}", connection.Established);
        }
        finally
        {
            await connection.Source.CancelAsync();
            await Quietly(heartbeat.Running);
            await Quietly(sending);
            await _transport.CloseAsync(closeCode, closeCode == ResumableCloseCode ? "reconnecting" : "stopping", CancellationToken.None);
        }
    }

    private async Task<GatewayConnectionOutcome> ReceiveAsync(GatewaySender sender, GatewayHeartbeat heartbeat, Connection connection, bool resume)
    {
        while (true)
        {
            _receiveBuffer.ResetWrittenCount();
            var received = await _transport.ReceiveAsync(_receiveBuffer, connection.Token);
            if (received.IsClose)
            {
                var close = GatewayCloseClassification.Classify(received.CloseCode);
                LastClose = close;
                return new(close.Action, close.Description, connection.Established, received.CloseCode);
            }

            var outcome = Handle(GatewayFrame.Read(_receiveBuffer.WrittenSpan), sender, heartbeat, connection, resume);
            if (outcome is not null)
            {
                return outcome.Value;
            }
        }
    }

    private GatewayConnectionOutcome? Handle(GatewayFrame frame, GatewaySender sender, GatewayHeartbeat heartbeat, Connection connection, bool resume)
    {
        switch ((GatewayOpcode)frame.Opcode)
        {
            case GatewayOpcode.Dispatch:
                if (frame.Sequence is { } sequence)
                {
                    Volatile.Write(ref _sequence, sequence);
                }

                OnDispatch(frame, connection);
                return null;
            case GatewayOpcode.Hello:
                var hello = JsonSerializer.Deserialize(frame.Data, GatewayJsonContext.Default.JsonHello);
                if (hello is null || hello.HeartbeatInterval <= 0)
                {
                    throw new JsonException("HELLO carried no positive heartbeat_interval.");
                }

                heartbeat.Start(TimeSpan.FromMilliseconds(hello.HeartbeatInterval));
                if (resume)
                {
                    sender.Enqueue(GatewayPayloads.Resume(_options, SessionId!, Sequence));
                    Interlocked.Increment(ref _resumeCount);
                }
                else
                {
                    sender.Enqueue(GatewayPayloads.Identify(_options, ShardId, ShardCount));
                    Interlocked.Increment(ref _identifyCount);
                }

                return null;
            case GatewayOpcode.HeartbeatAck:
                heartbeat.Acknowledge();
                return null;
            case GatewayOpcode.Heartbeat:
                heartbeat.BeatNow();
                return null;
            case GatewayOpcode.Reconnect:
                return new(GatewayCloseAction.Resume, "op 7 reconnect requested", connection.Established);
            case GatewayOpcode.InvalidSession:
                // d=false: the session is gone; wait a random 1-5 s so shards don't re-identify in lockstep.
                return frame.Data.SequenceEqual("true"u8)
                    ? new(GatewayCloseAction.Resume, "op 9 invalid session (resumable)", connection.Established)
                    : new(GatewayCloseAction.Reidentify, "op 9 invalid session (not resumable)", connection.Established,
                        Delay: TimeSpan.FromSeconds(1 + (4 * NextRandom())));
            default:
                return null;
        }
    }

    private void OnDispatch(GatewayFrame frame, Connection connection)
    {
        var name = frame.EventName ?? string.Empty;
        var data = frame.Data.ToArray();
        if (ReferenceEquals(name, GatewayEventNames.Ready))
        {
            var ready = JsonSerializer.Deserialize(data, GatewayJsonContext.Default.JsonReady)
                ?? throw new JsonException("READY carried no data.");
            SessionId = ready.SessionId ?? throw new JsonException("READY carried no session_id.");
            ResumeGatewayUrl = ready.ResumeGatewayUrl ?? throw new JsonException("READY carried no resume_gateway_url.");
            ApplicationId = ready.Application?.Id;
            UserId = ready.User?.Id;
            connection.Established = true;
            State = GatewaySessionState.Ready;
            _logger.LogInformation("Shard {Shard} ready as {User} (application {Application})", ShardId, ready.User?.Username, ApplicationId);
        }
        else if (ReferenceEquals(name, GatewayEventNames.Resumed))
        {
            connection.Established = true;
            State = GatewaySessionState.Ready;
            _logger.LogInformation("Shard {Shard} resumed at sequence {Sequence}", ShardId, Sequence);
        }

        _dispatcher.Publish(new GatewayDispatch(ShardId, name, frame.Sequence ?? 0, data));
    }

    private static async Task RunSenderAsync(GatewaySender sender, Connection connection)
    {
        try
        {
            await sender.RunAsync(connection.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !connection.Token.IsCancellationRequested)
        {
            connection.SendFailure = ex;
            await connection.Source.CancelAsync();
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

    /// <summary>The state one connection's loops share.</summary>
    private sealed class Connection(CancellationTokenSource source) : IDisposable
    {
        private volatile bool _established;

        public CancellationTokenSource Source { get; } = source;

        public CancellationToken Token { get; } = source.Token;

        public bool Established { get => _established; set => _established = value; }

        public Exception? SendFailure { get; set; }

        public void Dispose() => Source.Dispose();
    }
}

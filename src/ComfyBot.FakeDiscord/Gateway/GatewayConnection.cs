using System.IO.Compression;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace ComfyBot.FakeDiscord.Gateway;

/// <summary>
/// One WebSocket connection speaking gateway v10 JSON. One writer loop owns every send (a WebSocket allows one
/// send at a time); the reader loop handles the client's opcodes.
/// </summary>
/// <remarks>
/// With <c>compress=zlib-stream</c> every frame the server sends goes through one zlib context for the life of the
/// connection and is flushed with Z_SYNC_FLUSH (ending in <c>00 00 FF FF</c>), in binary frames, as Discord does;
/// what the client sends stays plain JSON text. A connection that sends no heartbeat within
/// <see cref="FakeDiscordOptions.HeartbeatTimeout"/> is closed with 4009, as Discord closes a silent session.
/// </remarks>
internal sealed class GatewayConnection(HttpContext http, WebSocket socket, GatewayHub hub, bool zlibStream) : IDisposable
{
    /// <summary>Discord closes a connection that sends a payload above 4096 bytes with 4002.</summary>
    private const int MaxInbound = 4096;

    private readonly Channel<Outbound> outbound = Channel.CreateUnbounded<Outbound>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Discord allows 120 client payloads per connection per 60 s (heartbeats included); more closes with 4008.</summary>
    private const int SendLimit = 120;

    private static readonly TimeSpan SendWindow = TimeSpan.FromSeconds(60);

    private readonly Queue<DateTimeOffset> received = new();
    private readonly MemoryStream compressed = new();
    private ZLibStream? deflater;
    private ITimer? heartbeatWatchdog;
    private readonly Lock dropGate = new();
    private bool finished;

    public GatewaySession? Session { get; private set; }

    /// <summary>The session whose dispatches this connection carries (kept after op 9 clears <see cref="Session"/>).</summary>
    public GatewaySession? Carries { get; private set; }

    /// <summary>The close code the client sent, if it closed the connection.</summary>
    public int? ClientCloseCode { get; private set; }

    public void Send(string frame) => outbound.Writer.TryWrite(new Outbound(frame, null, null));

    public void Close(int code, string reason) => outbound.Writer.TryWrite(new Outbound(null, code, reason));

    /// <summary>Drops the TCP connection without a close frame (what a network failure looks like).</summary>
    public void Drop()
    {
        // Kestrel recycles an HttpContext once its request ended, and aborting the socket then throws
        // ObjectDisposedException. The request cannot end while this holds the lock: RunAsync marks the
        // connection finished under it before the handler returns.
        lock (dropGate)
        {
            if (finished)
            {
                return;
            }

            outbound.Writer.TryComplete();
            socket.Abort();
            http.Abort();
        }
    }

    /// <summary>Whether frames to the client are zlib-stream compressed.</summary>
    public bool Compressed => zlibStream;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var writer = WriteLoopAsync(cancellationToken);
        try
        {
            // Armed before HELLO goes out, so a client (or a test on a fake clock) that saw HELLO sees the deadline.
            var options = hub.State.Options;
            heartbeatWatchdog = options.HeartbeatTimeProvider.CreateTimer(_ => OnHeartbeatMissed(), null, options.HeartbeatTimeout, Timeout.InfiniteTimeSpan);
            Send(GatewayFrames.Hello(options.HeartbeatInterval));
            await ReadLoopAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ConnectionAbortedException)
        {
            // The client went away or we dropped it: the session stays resumable.
        }
        finally
        {
            outbound.Writer.TryComplete();
            await writer;
            heartbeatWatchdog?.Dispose();
            lock (dropGate)
            {
                finished = true;
            }

            hub.Detach(this);
        }
    }

    public void Dispose()
    {
        heartbeatWatchdog?.Dispose();
        deflater?.Dispose();
        compressed.Dispose();
    }

    private void OnHeartbeatMissed()
    {
        hub.OnHeartbeatMissed();
        Close(4009, $"Session timed out: no heartbeat within {hub.State.Options.HeartbeatTimeout.TotalSeconds:0.###} s");
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxInbound + 1];
        while (socket.State == WebSocketState.Open || socket.State == WebSocketState.CloseSent)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length > MaxInbound)
                {
                    Close(4002, "Payload too large: at most 4096 bytes");
                    return;
                }

                result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                length += result.Count;
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                ClientCloseCode = (int?)socket.CloseStatus;
                hub.OnClientClosed(this, ClientCloseCode);
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                }

                return;
            }

            if (length > MaxInbound)
            {
                Close(4002, "Payload too large: at most 4096 bytes");
                return;
            }

            if (result.MessageType != WebSocketMessageType.Text || !TryParse(buffer.AsSpan(0, length), out var op, out var data))
            {
                Close(4002, "Decode error: send JSON text frames ({\"op\":..,\"d\":..})");
                return;
            }

            if (OverSendLimit())
            {
                Close(4008, "Rate limited: at most 120 payloads per 60 s");
                return;
            }

            try
            {
                Handle(op, data);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                // A field of the wrong JSON type (e.g. "shard": [{}]): Discord answers a malformed payload with 4002.
                Close(4002, "Decode error: a field of the payload has the wrong type");
                return;
            }
        }
    }

    private void Handle(int op, JsonNode? data)
    {
        switch (op)
        {
            case 1:
                heartbeatWatchdog?.Change(hub.State.Options.HeartbeatTimeout, Timeout.InfiniteTimeSpan);
                hub.OnHeartbeat(this);
                break;
            case 2:
                if (Session is not null)
                {
                    Close(4005, "Already authenticated");
                }
                else
                {
                    Session = hub.Identify(this, data as JsonObject);
                    Carries = Session ?? Carries;
                    // The hub notified before this connection held the session; ready-waiters look at it here.
                    hub.State.Signal.Notify();
                }

                break;
            case 6:
                if (Session is not null)
                {
                    Close(4005, "Already authenticated");
                }
                else
                {
                    Session = hub.Resume(this, data as JsonObject);
                    Carries = Session ?? Carries;
                    hub.State.Signal.Notify();
                }

                break;
            case 3 or 4 or 8 or 31 or 43:
                if (Session is null)
                {
                    Close(4003, "Not authenticated: send IDENTIFY or RESUME first");
                }

                break;
            default:
                Close(4001, $"Unknown opcode {op}");
                break;
        }
    }

    private bool OverSendLimit()
    {
        var now = hub.State.Time.GetUtcNow();
        while (received.Count > 0 && now - received.Peek() >= SendWindow)
        {
            received.Dequeue();
        }

        received.Enqueue(now);
        return received.Count > SendLimit;
    }

    /// <summary>After op 9 the client may IDENTIFY again on this socket, as Discord.Net and NetCord do.</summary>
    public void ForgetSession() => Session = null;

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in outbound.Reader.ReadAllAsync(cancellationToken))
            {
                if (item.Frame is not null)
                {
                    if (socket.State != WebSocketState.Open)
                    {
                        continue;
                    }

                    var text = Encoding.UTF8.GetBytes(item.Frame);
                    if (zlibStream)
                    {
                        await socket.SendAsync(Deflate(text), WebSocketMessageType.Binary, true, cancellationToken);
                    }
                    else
                    {
                        await socket.SendAsync(text, WebSocketMessageType.Text, true, cancellationToken);
                    }
                }
                else if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    hub.OnServerClosed(this, item.CloseCode!.Value);
                    await socket.CloseOutputAsync((WebSocketCloseStatus)item.CloseCode.Value, item.Reason, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Sending to a socket that is already gone; the reader notices and ends the connection.
        }
    }

    /// <summary>One frame through the connection's single zlib context, sync-flushed so it ends in 00 00 FF FF.</summary>
    private byte[] Deflate(byte[] text)
    {
        deflater ??= new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true);
        deflater.Write(text);
        deflater.Flush();
        var frame = compressed.ToArray();
        compressed.SetLength(0);
        return frame;
    }

    private static bool TryParse(ReadOnlySpan<byte> utf8, out int op, out JsonNode? data)
    {
        op = -1;
        data = null;
        try
        {
            if (JsonNode.Parse(utf8) is not JsonObject envelope || envelope["op"] is not JsonValue opValue || !opValue.TryGetValue(out op))
            {
                return false;
            }

            data = envelope["d"];
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed record Outbound(string? Frame, int? CloseCode, string? Reason);
}

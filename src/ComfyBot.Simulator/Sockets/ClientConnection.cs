using System.Net.WebSockets;
using System.Threading.Channels;

namespace ComfyBot.Simulator.Sockets;

/// <summary>
/// One accepted WebSocket. Frames are queued here and written by a single loop, so each socket sees
/// messages in exactly the order the server produced them, and a slow socket never holds up the others.
/// </summary>
internal sealed class ClientConnection : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly Channel<OutboundFrame> _outbox = Channel.CreateUnbounded<OutboundFrame>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private Task _writer = Task.CompletedTask;

    public ClientConnection(string sid, WebSocket socket)
    {
        Sid = sid;
        _socket = socket;
    }

    public string Sid { get; }

    /// <summary>Set once, from the first text frame, when it is a feature_flags message asking for it.</summary>
    public bool SupportsPreviewMetadata { get; set; }

    public void StartWriting() => _writer = WriteLoopAsync(_stop.Token);

    public void Enqueue(OutboundFrame frame) => _outbox.Writer.TryWrite(frame);

    /// <summary>
    /// Set when the simulator dropped this socket on purpose (a fault). The hub has already removed it, so
    /// its handler must not unregister the sid again: that would silently unregister a client that
    /// reconnected quickly, which would make drop tests flaky.
    /// </summary>
    public bool Dropped { get; private set; }

    /// <summary>Drops the connection the way a network failure would: no close handshake.</summary>
    public void Abort()
    {
        Dropped = true;
        _outbox.Writer.TryComplete();
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection ended on its own while the hub was dropping it (e.g. at shutdown): nothing left to stop.
        }

        _socket.Abort();
    }

    /// <summary>
    /// Answers a client's close: lets the writer finish the frame it is sending, then sends the close frame. A
    /// WebSocket takes one send at a time, so a close racing a send failed and the socket ended without the
    /// close handshake.
    /// </summary>
    public async Task CloseAsync(CancellationToken ct)
    {
        _outbox.Writer.TryComplete();
        await _writer;
        if (_socket.State == WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _writer;
        }
        catch (OperationCanceledException)
        {
            // The writer stops by cancellation; nothing is left to deliver.
        }

        _stop.Dispose();
    }

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync(ct))
            {
                var type = frame.IsText ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
                await _socket.SendAsync(frame.Payload, type, endOfMessage: true, ct);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away or we were stopped; undelivered frames are dropped as on the real server.
        }
    }
}

using System.Net.WebSockets;

namespace ComfyBot.Comfy.Streaming;

/// <summary><see cref="IComfySocket"/> over <see cref="ClientWebSocket"/>, reassembling fragmented messages.</summary>
internal sealed class ClientWebSocketConnection : IComfySocket
{
    private readonly ClientWebSocket _socket = new();
    private readonly int _maxMessageBytes;
    private byte[] _buffer = new byte[16 * 1024];

    public ClientWebSocketConnection(IReadOnlyList<KeyValuePair<string, string>>? headers = null, int maxMessageBytes = 64 * 1024 * 1024)
    {
        _maxMessageBytes = maxMessageBytes;
        foreach (var (name, value) in headers ?? [])
        {
            _socket.Options.SetRequestHeader(name, value);
        }
    }

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => _socket.ConnectAsync(uri, cancellationToken);

    public Task SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken) =>
        _socket.SendAsync(utf8, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).AsTask();

    public async ValueTask<ComfySocketMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        while (true)
        {
            if (count == _buffer.Length)
            {
                if (count >= _maxMessageBytes)
                {
                    // An endless message from a broken server must not take the heap with it: drop the connection.
                    _socket.Abort();
                    throw new Http.ComfyResponseTooLargeException("one WebSocket message", _maxMessageBytes, "ComfyEventStreamOptions.MaxMessageBytes");
                }

                // Previews run to hundreds of KB and SaveImageWebsocket images to megabytes; grow, up to the cap.
                Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _maxMessageBytes));
            }

            var result = await _socket.ReceiveAsync(_buffer.AsMemory(count), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            count += result.Count;
            if (result.EndOfMessage)
            {
                return new ComfySocketMessage(result.MessageType == WebSocketMessageType.Text, _buffer.AsMemory(0, count));
            }
        }
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is already gone; closing is best effort.
            _socket.Abort();
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}

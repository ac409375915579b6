namespace ComfyBot.Comfy.Streaming;

/// <summary>The WebSocket seam: one connection, opened once. Tests script it; production wraps ClientWebSocket.</summary>
internal interface IComfySocket : IAsyncDisposable
{
    Task ConnectAsync(Uri uri, CancellationToken cancellationToken);

    Task SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken);

    /// <summary>The next whole message, or null once the peer closed. The payload is valid until the next call.</summary>
    ValueTask<ComfySocketMessage?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Closes politely; never throws for a connection that is already gone.</summary>
    Task CloseAsync(CancellationToken cancellationToken);
}

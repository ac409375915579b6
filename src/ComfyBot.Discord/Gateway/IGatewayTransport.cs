using System.Buffers;

namespace ComfyBot.Discord.Gateway;

/// <summary>
/// One WebSocket-like connection at a time, reconnectable: connect, send text messages, receive whole
/// messages, close. A session calls <see cref="SendAsync"/> from one loop only and <see cref="ReceiveAsync"/>
/// from another, never two sends or two receives at once.
/// </summary>
public interface IGatewayTransport : IAsyncDisposable
{
    /// <summary>Opens a new connection to <paramref name="url"/>, dropping any previous one.</summary>
    Task ConnectAsync(Uri url, CancellationToken cancellationToken);

    /// <summary>Sends one complete UTF-8 JSON text message.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>Receives one complete message (all its fragments) into <paramref name="destination"/>, or the close.</summary>
    ValueTask<GatewayReceiveResult> ReceiveAsync(IBufferWriter<byte> destination, CancellationToken cancellationToken);

    /// <summary>Closes the connection with <paramref name="closeCode"/>; never throws for an already broken connection.</summary>
    Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken);
}

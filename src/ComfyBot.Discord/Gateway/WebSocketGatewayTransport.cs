using System.Buffers;
using System.Net.WebSockets;

namespace ComfyBot.Discord.Gateway;

/// <summary>
/// The <see cref="IGatewayTransport"/> over <see cref="ClientWebSocket"/>: a fresh socket per connection. Text frames
/// are JSON as is; binary frames are <c>compress=zlib-stream</c> and go through the connection's one inflater.
/// </summary>
public sealed class WebSocketGatewayTransport : IGatewayTransport
{
    private const int MinimumReadSize = 16 * 1024;
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _timeProvider;
    private ClientWebSocket? _socket;
    private ZlibStreamInflater? _inflater;
    private ArrayBufferWriter<byte>? _compressed;

    /// <summary>Creates the transport; <paramref name="timeProvider"/> bounds the close handshake.</summary>
    public WebSocketGatewayTransport(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public async Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        _socket?.Dispose();
        // A zlib stream lives as long as its connection: a new socket starts a new one.
        _inflater?.Dispose();
        _inflater = null;
        var socket = new ClientWebSocket();
        _socket = socket;
        await socket.ConnectAsync(url, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        Socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<GatewayReceiveResult> ReceiveAsync(IBufferWriter<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var socket = Socket;

        // Large dispatches (READY, GUILD_CREATE) arrive in several frames: read until EndOfMessage. A compressed
        // message is read into its own buffer first and inflated into the destination once complete.
        var compressed = _compressed ??= new ArrayBufferWriter<byte>(MinimumReadSize);
        compressed.ResetWrittenCount();
        var isBinary = false;
        while (true)
        {
            var target = isBinary ? compressed : destination;
            var memory = target.GetMemory(MinimumReadSize);
            ValueWebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(memory, cancellationToken);
            }
            catch (WebSocketException ex) when (ex.WebSocketErrorCode == WebSocketError.ConnectionClosedPrematurely)
            {
                return GatewayReceiveResult.Closed(null, "connection closed prematurely");
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return GatewayReceiveResult.Closed((int?)socket.CloseStatus, socket.CloseStatusDescription);
            }

            if (result.MessageType == WebSocketMessageType.Binary && !isBinary)
            {
                // The first fragment landed in the destination's memory: move it to the compressed buffer.
                isBinary = true;
                compressed.Write(memory.Span[..result.Count]);
            }
            else
            {
                target.Advance(result.Count);
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            if (!isBinary)
            {
                return GatewayReceiveResult.Message;
            }

            if ((_inflater ??= new ZlibStreamInflater()).TryInflate(compressed.WrittenSpan, destination))
            {
                return GatewayReceiveResult.Message;
            }

            // A message without the sync-flush suffix: its block continues in the next one.
            compressed.ResetWrittenCount();
            isBinary = false;
        }
    }

    /// <inheritdoc />
    public async Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        var socket = _socket;
        if (socket is null || socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            socket?.Abort();
            return;
        }

        using var timeout = new CancellationTokenSource(CloseTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, reason, linked.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The close is best effort: a broken socket is as closed as it gets.
        }
        finally
        {
            socket.Abort();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        _socket = null;
        _inflater?.Dispose();
        _inflater = null;
        return ValueTask.CompletedTask;
    }

    private ClientWebSocket Socket => _socket ?? throw new InvalidOperationException("The gateway transport is not connected; call ConnectAsync first.");
}

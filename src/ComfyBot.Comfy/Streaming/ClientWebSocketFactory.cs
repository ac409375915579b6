namespace ComfyBot.Comfy.Streaming;

/// <summary>Makes real WebSocket connections, each sending the same upgrade headers.</summary>
internal sealed class ClientWebSocketFactory : IComfySocketFactory
{
    private readonly KeyValuePair<string, string>[] _headers;

    private readonly int _maxMessageBytes;

    public ClientWebSocketFactory(IEnumerable<KeyValuePair<string, string>>? headers = null, int maxMessageBytes = 64 * 1024 * 1024)
    {
        _maxMessageBytes = maxMessageBytes;
        // A snapshot: the options object may be changed after the stream started, which must not race with a reconnect.
        _headers = headers?.ToArray() ?? [];
    }

    public IComfySocket Create() => new ClientWebSocketConnection(_headers, _maxMessageBytes);
}

namespace ComfyBot.Comfy.Streaming;

/// <summary>Makes real WebSocket connections, each sending the same upgrade headers.</summary>
internal sealed class ClientWebSocketFactory : IComfySocketFactory
{
    private readonly KeyValuePair<string, string>[] _headers;

    public ClientWebSocketFactory(IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        // A snapshot: the options object may be changed after the stream started, which must not race with a reconnect.
        _headers = headers?.ToArray() ?? [];
    }

    public IComfySocket Create() => new ClientWebSocketConnection(_headers);
}

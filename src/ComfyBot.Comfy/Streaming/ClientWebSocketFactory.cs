namespace ComfyBot.Comfy.Streaming;

/// <summary>Makes real WebSocket connections.</summary>
internal sealed class ClientWebSocketFactory : IComfySocketFactory
{
    public IComfySocket Create() => new ClientWebSocketConnection();
}

namespace ComfyBot.Discord.Gateway;

/// <summary>Caches GET /gateway/bot; the URL is reused until connecting with it fails.</summary>
internal sealed class GatewayBotCache
{
    private readonly IGatewayBotSource _source;
    private GatewayBotInfo? _cached;

    public GatewayBotCache(IGatewayBotSource source) => _source = source;

    public async Task<GatewayBotInfo> GetAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _cached) ?? await RefreshAsync(cancellationToken);

    public async Task<GatewayBotInfo> RefreshAsync(CancellationToken cancellationToken)
    {
        var info = await _source.GetGatewayBotAsync(cancellationToken);
        if (!Uri.TryCreate(info.Url, UriKind.Absolute, out var url) || url.Scheme is not ("wss" or "ws"))
        {
            throw new InvalidOperationException($"GET /gateway/bot returned url '{info.Url}', which is not a ws:// or wss:// URL.");
        }

        Volatile.Write(ref _cached, info);
        return info;
    }

    public void Invalidate() => Volatile.Write(ref _cached, null);
}

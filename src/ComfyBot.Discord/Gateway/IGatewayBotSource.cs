namespace ComfyBot.Discord.Gateway;

/// <summary>Where the gateway learns its URL and session limits; the REST client implements it.</summary>
public interface IGatewayBotSource
{
    /// <summary>GET /gateway/bot.</summary>
    Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken);
}

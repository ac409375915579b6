using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.Rest.RateLimits;

namespace ComfyBot.Discord.Rest;

/// <summary>The bot's own user and application, and the gateway URL.</summary>
public sealed partial class DiscordRestClient
{
    /// <summary>GET /users/@me: the bot's account; a cheap way to check the token at start-up.</summary>
    public Task<DiscordUser> GetCurrentUserAsync(CancellationToken cancellationToken) =>
        SendAsync(BotRequest("/users/@me", "users/@me"), DiscordJsonContext.Default.DiscordUser, cancellationToken);

    /// <summary>GET /applications/@me: the bot's application, whose id addresses commands and interaction webhooks.</summary>
    public Task<DiscordApplication> GetCurrentApplicationAsync(CancellationToken cancellationToken) =>
        SendAsync(BotRequest("/applications/@me", "applications/@me"), DiscordJsonContext.Default.DiscordApplication, cancellationToken);

    /// <inheritdoc />
    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken) =>
        SendAsync(BotRequest("/gateway/bot", "gateway/bot"), DiscordJsonContext.Default.GatewayBotInfo, cancellationToken);

    private static RestRequest BotRequest(string template, string path) =>
        new(new Route(HttpMethod.Get, template, null), path, null, UsesBotToken: true);
}

namespace ComfyBot.Discord.Gateway;

/// <summary>
/// How to connect to the gateway. The host binds them from its own configuration section; <see cref="GatewayOptionsValidator"/>
/// names each problem by its property, for the host to put its section in front.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>The bot token, without the "Bot " prefix. A secret: never logged, never in an exception.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The intents to identify with.</summary>
    /// <value>Default: <see cref="GatewayIntents.Guilds"/>.</value>
    public GatewayIntents Intents { get; set; } = GatewayIntents.Guilds;

    /// <summary>How many shards to run; null ("auto") uses the count GET /gateway/bot recommends.</summary>
    /// <value>Default: null (auto).</value>
    public int? ShardCount { get; set; }

    /// <summary>The member count above which a guild is sent without offline members (50-250).</summary>
    /// <value>Default: 50.</value>
    public int LargeThreshold { get; set; } = 50;

    /// <summary>The longest wait between reconnect attempts.</summary>
    /// <value>Default: 60 s.</value>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Transport compression of what the gateway sends: <see cref="GatewayCompression.ZlibStream"/> (as discord.py
    /// and discord.js use) or <see cref="GatewayCompression.None"/> for plain JSON text.
    /// </summary>
    /// <value>Default: ZlibStream.</value>
    public GatewayCompression Compression { get; set; } = GatewayCompression.ZlibStream;

    /// <summary>The name sent as <c>properties.browser</c> and <c>properties.device</c> in IDENTIFY.</summary>
    /// <value>Default: "ComfyBot".</value>
    public string ClientName { get; set; } = "ComfyBot";

    /// <summary>The settings without the token.</summary>
    public override string ToString() =>
        $"GatewayOptions {{ Token = {(string.IsNullOrEmpty(Token) ? "(empty)" : "(set)")}, Intents = {Intents}, ShardCount = {ShardCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto"}, Compression = {Compression} }}";
}

using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Gateway;

/// <summary>The answer of GET /gateway/bot: where to connect, how many shards, and how many sessions may start.</summary>
/// <param name="Url">The gateway's WebSocket URL (wss://…), without query.</param>
/// <param name="Shards">The recommended number of shards.</param>
/// <param name="SessionStartLimit">How many IDENTIFYs remain before the limit resets.</param>
public sealed record GatewayBotInfo(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("shards")] int Shards,
    [property: JsonPropertyName("session_start_limit")] SessionStartLimit SessionStartLimit);

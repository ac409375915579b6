using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Rest;

/// <summary>The bot's application as GET /applications/@me returns it; its id addresses commands and interaction webhooks.</summary>
public sealed record DiscordApplication
{
    /// <summary>The application id.</summary>
    [JsonPropertyName("id")]
    public Snowflake Id { get; init; }

    /// <summary>The application's name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";
}

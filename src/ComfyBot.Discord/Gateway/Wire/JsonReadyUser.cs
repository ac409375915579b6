using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Gateway.Wire;

/// <summary>READY's bot user.</summary>
internal sealed class JsonReadyUser
{
    [JsonPropertyName("id")] public Snowflake? Id { get; set; }
    [JsonPropertyName("username")] public string? Username { get; set; }
}

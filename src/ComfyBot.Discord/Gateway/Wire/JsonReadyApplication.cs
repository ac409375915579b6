using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Gateway.Wire;

/// <summary>READY's partial application.</summary>
internal sealed class JsonReadyApplication
{
    [JsonPropertyName("id")] public Snowflake? Id { get; set; }
}

using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Interactions.Wire;

/// <summary>A role object.</summary>
internal sealed class JsonRole
{
    [JsonPropertyName("id")] public Snowflake? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("permissions")] public string? Permissions { get; set; }
    [JsonPropertyName("color")] public int Color { get; set; }
    [JsonPropertyName("position")] public int Position { get; set; }
}

using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Interactions.Wire;

/// <summary>The union of the command, component and modal <c>data</c> shapes; <c>type</c> says which applies.</summary>
internal sealed class JsonInteractionData
{
    [JsonPropertyName("id")] public Snowflake? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("type")] public int? Type { get; set; }
    [JsonPropertyName("guild_id")] public Snowflake? GuildId { get; set; }
    [JsonPropertyName("target_id")] public Snowflake? TargetId { get; set; }
    [JsonPropertyName("options")] public List<JsonOption>? Options { get; set; }
    [JsonPropertyName("resolved")] public JsonResolved? Resolved { get; set; }
    [JsonPropertyName("custom_id")] public string? CustomId { get; set; }
    [JsonPropertyName("component_type")] public int? ComponentType { get; set; }
    [JsonPropertyName("values")] public List<string>? Values { get; set; }
    [JsonPropertyName("components")] public List<JsonModalComponent>? Components { get; set; }
}

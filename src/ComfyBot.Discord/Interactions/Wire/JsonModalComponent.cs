using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Interactions.Wire;

/// <summary>A submitted modal component: a layout with children (<c>components</c> or a label's <c>component</c>) or an input.</summary>
internal sealed class JsonModalComponent
{
    [JsonPropertyName("type")] public int Type { get; set; }
    [JsonPropertyName("custom_id")] public string? CustomId { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
    [JsonPropertyName("values")] public List<string>? Values { get; set; }
    [JsonPropertyName("components")] public List<JsonModalComponent>? Components { get; set; }
    [JsonPropertyName("component")] public JsonModalComponent? Component { get; set; }
}

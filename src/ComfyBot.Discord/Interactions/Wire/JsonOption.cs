using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Interactions.Wire;

/// <summary>A command option as sent: a value or nested options.</summary>
internal sealed class JsonOption
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("type")] public int Type { get; set; }
    [JsonPropertyName("value")] public JsonOptionValue? Value { get; set; }
    [JsonPropertyName("options")] public List<JsonOption>? Options { get; set; }
    [JsonPropertyName("focused")] public bool? Focused { get; set; }
}

using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>A name/value pair in an embed.</summary>
/// <param name="Name">At most 256 characters.</param>
/// <param name="Value">At most 1024 characters.</param>
/// <param name="Inline">Whether fields may sit side by side.</param>
public sealed record EmbedField(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("inline"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Inline = false);

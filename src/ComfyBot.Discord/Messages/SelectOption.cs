using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>One choice of a <see cref="StringSelect"/>; label and value 1-100 characters.</summary>
/// <param name="Label">What the user sees.</param>
/// <param name="Value">What comes back in the interaction.</param>
public sealed record SelectOption(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("value")] string Value)
{
    /// <summary>A second line under the label, at most 100 characters.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>An emoji before the label.</summary>
    [JsonPropertyName("emoji")]
    public ComponentEmoji? Emoji { get; init; }

    /// <summary>Selected when the message appears.</summary>
    [JsonPropertyName("default")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool IsDefault { get; init; }
}

using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>An emoji on a button or select option: a unicode emoji by name, or a custom one by id.</summary>
/// <param name="Name">The unicode emoji itself, or the custom emoji's name.</param>
public sealed record ComponentEmoji([property: JsonPropertyName("name")] string Name)
{
    /// <summary>The custom emoji's id; null for unicode emoji.</summary>
    [JsonPropertyName("id")]
    public Snowflake? Id { get; init; }
}

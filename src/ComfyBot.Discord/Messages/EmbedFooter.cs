using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>The small text under an embed.</summary>
/// <param name="Text">At most 2048 characters.</param>
public sealed record EmbedFooter([property: JsonPropertyName("text")] string Text)
{
    /// <summary>An https URL of a small icon.</summary>
    [JsonPropertyName("icon_url")]
    public string? IconUrl { get; init; }
}

using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>A button (component type 2). At most five per row; custom_id 1-100 characters, label at most 80.</summary>
public sealed record Button : MessageComponent
{
    /// <inheritdoc />
    [JsonPropertyName("type")]
    public override int Type => 2;

    /// <summary>How it looks.</summary>
    [JsonPropertyName("style")]
    public required ButtonStyle Style { get; init; }

    /// <summary>The text on it.</summary>
    [JsonPropertyName("label")]
    public string? Label { get; init; }

    /// <summary>What comes back in the interaction; required unless the style is <see cref="ButtonStyle.Link"/>.</summary>
    [JsonPropertyName("custom_id")]
    public string? CustomId { get; init; }

    /// <summary>The link of a <see cref="ButtonStyle.Link"/> button.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>An emoji before the label.</summary>
    [JsonPropertyName("emoji")]
    public ComponentEmoji? Emoji { get; init; }

    /// <summary>Greyed out and not clickable.</summary>
    [JsonPropertyName("disabled")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Disabled { get; init; }

    /// <summary>A button that sends an interaction with <paramref name="customId"/>.</summary>
    public static Button Action(ButtonStyle style, string customId, string label) => new() { Style = style, CustomId = customId, Label = label };

    /// <summary>A button that opens <paramref name="url"/>.</summary>
    public static Button Link(string url, string label) => new() { Style = ButtonStyle.Link, Url = url, Label = label };
}

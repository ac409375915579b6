using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>A rich embed. Limits: title 256, description 4096, 25 fields, and 6000 characters over all embeds.</summary>
public sealed record Embed
{
    /// <summary>The title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The main text (markdown).</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>A link on the title.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>The colour of the left bar, 0xRRGGBB.</summary>
    [JsonPropertyName("color")]
    public int? Color { get; init; }

    /// <summary>Shown in the footer, in the reader's time zone.</summary>
    [JsonPropertyName("timestamp")]
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Name/value pairs, at most 25.</summary>
    [JsonPropertyName("fields")]
    public IReadOnlyList<EmbedField>? Fields { get; init; }

    /// <summary>The large image.</summary>
    [JsonPropertyName("image")]
    public EmbedMedia? Image { get; init; }

    /// <summary>The small image at the top right.</summary>
    [JsonPropertyName("thumbnail")]
    public EmbedMedia? Thumbnail { get; init; }

    /// <summary>The footer.</summary>
    [JsonPropertyName("footer")]
    public EmbedFooter? Footer { get; init; }
}

using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Interactions.Wire;

/// <summary>An attachment object.</summary>
internal sealed class JsonAttachment
{
    [JsonPropertyName("id")] public Snowflake? Id { get; set; }
    [JsonPropertyName("filename")] public string? Filename { get; set; }
    [JsonPropertyName("size")] public long Size { get; set; }
    [JsonPropertyName("url")] public string? Url { get; set; }
    [JsonPropertyName("proxy_url")] public string? ProxyUrl { get; set; }
    [JsonPropertyName("content_type")] public string? ContentType { get; set; }
    [JsonPropertyName("width")] public int? Width { get; set; }
    [JsonPropertyName("height")] public int? Height { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("ephemeral")] public bool? Ephemeral { get; set; }
}

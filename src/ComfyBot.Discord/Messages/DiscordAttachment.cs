using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>An attachment of a message Discord returned.</summary>
public sealed record DiscordAttachment
{
    /// <summary>Its id; list it in <see cref="MessageBody.KeepAttachments"/> to keep it on an edit.</summary>
    [JsonPropertyName("id")]
    public Snowflake Id { get; init; }

    /// <summary>The file name.</summary>
    [JsonPropertyName("filename")]
    public string FileName { get; init; } = "";

    /// <summary>Size in bytes.</summary>
    [JsonPropertyName("size")]
    public long Size { get; init; }

    /// <summary>The CDN URL.</summary>
    [JsonPropertyName("url")]
    public string Url { get; init; } = "";
}

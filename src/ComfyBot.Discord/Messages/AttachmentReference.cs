using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>An entry of the wire <c>attachments</c> list: a placeholder id ("0", "1") for a new file, or a kept attachment's snowflake.</summary>
internal sealed record AttachmentReference(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("filename")] string? FileName = null,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("is_spoiler")] bool? IsSpoiler = null);

using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>An embed image or thumbnail.</summary>
/// <param name="Url">An https URL, or <c>attachment://name.png</c> for a file uploaded with the same message.</param>
public sealed record EmbedMedia([property: JsonPropertyName("url")] string Url)
{
    /// <summary>Points at a file uploaded with the same message; the name must match exactly.</summary>
    public static EmbedMedia Attachment(string fileName) => new("attachment://" + fileName);
}

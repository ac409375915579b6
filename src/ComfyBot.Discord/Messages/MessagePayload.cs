using System.Globalization;
using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>
/// The JSON of a message body as Discord reads it (also <c>payload_json</c> of a multipart request). Null fields
/// are not written at all, so an edit never clears what the caller left out.
/// </summary>
internal sealed class MessagePayload
{
    [JsonPropertyName("content")]
    public string? Content { get; init; }

    [JsonPropertyName("embeds")]
    public IReadOnlyList<Embed>? Embeds { get; init; }

    [JsonPropertyName("components")]
    public IReadOnlyList<ActionRow>? Components { get; init; }

    [JsonPropertyName("attachments")]
    public IReadOnlyList<AttachmentReference>? Attachments { get; init; }

    [JsonPropertyName("flags")]
    public int? Flags { get; init; }

    [JsonPropertyName("allowed_mentions")]
    public AllowedMentions? AllowedMentions { get; init; }

    public static MessagePayload From(MessageBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        List<AttachmentReference>? attachments = null;
        if (body.Files.Count > 0 || body.KeepAttachments is not null)
        {
            attachments = [];
            foreach (var kept in body.KeepAttachments ?? [])
            {
                attachments.Add(new AttachmentReference(kept.ToString()));
            }

            for (var i = 0; i < body.Files.Count; i++)
            {
                var file = body.Files[i];
                attachments.Add(new AttachmentReference(
                    i.ToString(CultureInfo.InvariantCulture), file.FileName, file.Description, file.IsSpoiler ? true : null));
            }
        }

        return new MessagePayload
        {
            Content = body.Content,
            Embeds = body.Embeds,
            Components = body.Components,
            Attachments = attachments,
            Flags = body.Flags is { } flags ? (int)flags : null,
            AllowedMentions = body.AllowedMentions,
        };
    }
}

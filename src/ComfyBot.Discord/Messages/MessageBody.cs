namespace ComfyBot.Discord.Messages;

/// <summary>
/// What to send or change in a message: for a channel message, an interaction response, a followup or an edit.
/// Null means "leave out" (on an edit: keep what is there); an empty list means "clear". Mentions default to
/// nobody (<see cref="AllowedMentions.None"/>).
/// </summary>
public sealed record MessageBody
{
    /// <summary>The text, at most 2000 characters.</summary>
    public string? Content { get; init; }

    /// <summary>Up to 10 embeds; empty clears them on an edit.</summary>
    public IReadOnlyList<Embed>? Embeds { get; init; }

    /// <summary>Up to 5 action rows; empty removes all buttons on an edit.</summary>
    public IReadOnlyList<ActionRow>? Components { get; init; }

    /// <summary>New files, sent as <c>files[0]</c>, <c>files[1]</c> ... and listed as attachments "0", "1" ....</summary>
    public IReadOnlyList<FileUpload> Files { get; init; } = [];

    /// <summary>
    /// On an edit: the existing attachments to keep, by id. Null with no <see cref="Files"/> leaves attachments
    /// untouched; null with files replaces them all by the new files; empty with no files removes them all.
    /// </summary>
    public IReadOnlyList<Snowflake>? KeepAttachments { get; init; }

    /// <summary>Message flags (ephemeral, suppress embeds, suppress notifications).</summary>
    public MessageFlags? Flags { get; init; }

    /// <summary>Who may be pinged; by default nobody. Set to null only to leave the field out of an edit.</summary>
    public AllowedMentions? AllowedMentions { get; init; } = AllowedMentions.None;

    /// <summary>A body with only text.</summary>
    public static MessageBody FromContent(string content) => new() { Content = content };
}

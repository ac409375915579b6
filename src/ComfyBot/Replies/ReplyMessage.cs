using ComfyBot.Core.Images;
using ComfyBot.Core.Progress;
using ComfyBot.Discord.Messages;

namespace ComfyBot.Replies;

/// <summary>Turns a <see cref="ReplyState"/> into Discord message bodies: the reply itself and any followups.</summary>
internal static class ReplyMessage
{
    /// <summary>Discord's content limit.</summary>
    public const int MaxContent = 2000;

    /// <summary>
    /// The body for the reply message. A progress state carries its preview as the only attachment (the previous
    /// one is replaced, never piled up); a final state carries its first ten images. Mentions are never parsed.
    /// </summary>
    public static MessageBody Body(ReplyState state, string jobId, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        IReadOnlyList<FileUpload> files = state.IsFinal
            ? [.. FirstGroup(state.Images).Select(Upload)]
            : state.Preview is { } preview ? [Upload(preview with { FileName = SpoilerJobView.KeepPrefix(preview.FileName, PreviewName(preview.MediaType)) })] : [];
        return new MessageBody
        {
            Content = Fit(note is null ? state.Text : $"{state.Text}\n\n{note}"),
            Components = Buttons(state.Buttons, jobId),
            Files = files,
            // Null with files replaces every attachment; empty with none removes the old preview.
            KeepAttachments = files.Count > 0 ? null : [],
            AllowedMentions = AllowedMentions.None,
        };
    }

    /// <summary>The image groups after the first, each for one followup message.</summary>
    public static IReadOnlyList<IReadOnlyList<ReplyImage>> FollowupGroups(ReplyState state) =>
        state.IsFinal ? [.. AttachmentGroups.Split(state.Images).Skip(1)] : [];

    /// <summary>The body of one followup carrying further images.</summary>
    public static MessageBody Followup(IReadOnlyList<ReplyImage> images, int index, int count) => new()
    {
        Content = $"More images ({index + 1}/{count})",
        Files = [.. images.Select(Upload)],
        AllowedMentions = AllowedMentions.None,
    };

    /// <summary>The action row for <paramref name="buttons"/>; an empty list clears the buttons on an edit.</summary>
    public static IReadOnlyList<ActionRow> Buttons(ReplyButtons buttons, string jobId)
    {
        var row = new List<MessageComponent>(5);
        Add(ReplyButtons.Reroll, ButtonStyle.Primary, "reroll", "Re-roll");
        Add(ReplyButtons.Upscale, ButtonStyle.Secondary, "upscale", "Upscale");
        Add(ReplyButtons.Vary, ButtonStyle.Secondary, "vary", "Vary");
        Add(ReplyButtons.Details, ButtonStyle.Secondary, "details", "Details");
        Add(ReplyButtons.Cancel, ButtonStyle.Danger, "cancel", "Cancel");
        return row.Count == 0 ? [] : [ActionRow.Of(row)];

        void Add(ReplyButtons flag, ButtonStyle style, string action, string label)
        {
            if (buttons.HasFlag(flag))
            {
                row.Add(Button.Action(style, $"{action}:{jobId}", label));
            }
        }
    }

    /// <summary>Cuts text to Discord's limit, marking the cut.</summary>
    public static string Fit(string text) => MemberText.Cut(text, MaxContent);

    private static IReadOnlyList<ReplyImage> FirstGroup(IReadOnlyList<ReplyImage> images) =>
        images.Count <= AttachmentGroups.MaxPerMessage ? images : [.. images.Take(AttachmentGroups.MaxPerMessage)];

    private static FileUpload Upload(ReplyImage image) => new(image.FileName, image.Content) { ContentType = image.MediaType };

    private static string PreviewName(string mediaType) => mediaType switch
    {
        "image/png" => "preview.png",
        "image/webp" => "preview.webp",
        _ => "preview.jpg",
    };
}

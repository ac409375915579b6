using System.Globalization;
using ComfyBot.Core.Images;
using ComfyBot.Core.Progress;
using ComfyBot.Discord.Messages;

namespace ComfyBot.Replies;

/// <summary>Turns a <see cref="ReplyState"/> into Discord message bodies: the reply itself and any followups.</summary>
/// <remarks>
/// Buttons: Discord allows 5 buttons per row and 5 rows per message. A final reply of one image offers Upscale and
/// Vary beside Re-roll, Details, Edit and Delete (two rows). A batch gets one row of Re-roll, Details, Edit, Delete,
/// then U1…Un and V1…Vn in rows of five for the images in that message: a message carries at most 10 images, so at
/// most 1 + 2 + 2 rows. Images 11 and on travel in followup messages, each with the U/V rows of its own images.
/// </remarks>
internal static class ReplyMessage
{
    /// <summary>Discord's content limit.</summary>
    public const int MaxContent = 2000;

    /// <summary>Discord's limits on buttons: per action row, and rows per message.</summary>
    public const int ButtonsPerRow = 5;

    /// <inheritdoc cref="ButtonsPerRow"/>
    public const int RowsPerMessage = 5;

    /// <summary>
    /// The body for the reply message. A progress state carries its preview as the only attachment (the previous
    /// one is replaced, never piled up); a final state carries its first ten images. Mentions are never parsed.
    /// </summary>
    public static MessageBody Body(ReplyState state, string jobId, string? note = null) =>
        Body(state, new ReplyDecor(jobId), note);

    /// <summary>The body for the reply message of <paramref name="target"/>: its caption, grid choice and privacy applied.</summary>
    public static MessageBody Body(ReplyState state, ChatTarget target, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Body(state, ReplyDecor.Of(target), note);
    }

    /// <summary>The body for the reply message, decorated as <paramref name="decor"/> says.</summary>
    public static MessageBody Body(ReplyState state, ReplyDecor decor, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(decor);
        var groups = Groups(state, decor);
        IReadOnlyList<FileUpload> files = state.IsFinal
            ? groups.Count > 0 ? [.. groups[0].Select(Upload)] : []
            : state.Preview is { } preview ? [Upload(preview with { FileName = SpoilerJobView.KeepPrefix(preview.FileName, PreviewName(preview.MediaType)) })] : [];
        var text = note is null ? state.Text : $"{state.Text}\n\n{note}";
        if (decor.Caption is { Length: > 0 } caption)
        {
            text += $"\n{caption}";
        }

        if (state.IsFinal && state.Images.Count > 0 && decor.Credit is { Length: > 0 } credit)
        {
            text += $"\n{credit}";
        }

        return new MessageBody
        {
            Content = Fit(text),
            Components = state.IsFinal ? FinalRows(state, decor, 0) : Buttons(state.Buttons, decor.JobId),
            Files = files,
            // Null with files replaces every attachment; empty with none removes the old preview.
            KeepAttachments = files.Count > 0 ? null : [],
            AllowedMentions = AllowedMentions.None,
        };
    }

    /// <summary>The image groups after the first, each for one followup message.</summary>
    public static IReadOnlyList<IReadOnlyList<ReplyImage>> FollowupGroups(ReplyState state) =>
        FollowupGroups(state, new ReplyDecor(string.Empty));

    /// <inheritdoc cref="FollowupGroups(ReplyState)"/>
    public static IReadOnlyList<IReadOnlyList<ReplyImage>> FollowupGroups(ReplyState state, ReplyDecor decor)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.IsFinal ? [.. Groups(state, decor).Skip(1)] : [];
    }

    /// <summary>The body of one followup carrying further images.</summary>
    public static MessageBody Followup(IReadOnlyList<ReplyImage> images, int index, int count) => new()
    {
        Content = $"More images ({index + 1}/{count})",
        Files = [.. images.Select(Upload)],
        AllowedMentions = AllowedMentions.None,
    };

    /// <summary>The body of followup <paramref name="index"/> (0-based, of the groups after the reply's), with the U/V rows of its images.</summary>
    public static MessageBody Followup(ReplyState state, ReplyDecor decor, int index)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(decor);
        var groups = FollowupGroups(state, decor);
        return Followup(groups[index], index, groups.Count) with { Components = FinalRows(state, decor, index + 1) };
    }

    /// <summary>The action row for <paramref name="buttons"/>; an empty list clears the buttons on an edit.</summary>
    public static IReadOnlyList<ActionRow> Buttons(ReplyButtons buttons, string jobId) => [.. Rows(General(buttons, jobId, 0))];

    /// <summary>
    /// The rows of message <paramref name="message"/> of a final reply (0 the reply itself, 1… its followups): the
    /// reply gets the general buttons, and every message the U/V buttons of the images it carries (with a grid, the
    /// reply gets all of them, matching the numbers drawn on the grid).
    /// </summary>
    public static IReadOnlyList<ActionRow> FinalRows(ReplyState state, ReplyDecor decor, int message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(decor);
        var buttons = state.Buttons;
        if (decor.Private)
        {
            // An ephemeral reply is not a message the bot can delete; the member dismisses it themselves.
            buttons &= ~ReplyButtons.Delete;
        }

        var numbers = Numbers(state, decor, message);
        if (state.Numbered == 0 && state.Images.Count > 1)
        {
            // The numbers would not match the job's outputs (some are missing): no per-image action (the text says so).
            buttons &= ~(ReplyButtons.Upscale | ReplyButtons.Vary);
        }

        List<MessageComponent> general = message == 0 ? General(buttons, decor.JobId, state.Numbered) : [];
        var rows = Rows(general).ToList();
        if (state.Numbered > 1)
        {
            rows.AddRange(Rows(PerImage(buttons, ReplyButtons.Upscale, "upscale", "U", decor.JobId, numbers)));
            rows.AddRange(Rows(PerImage(buttons, ReplyButtons.Vary, "vary", "V", decor.JobId, numbers)));
        }

        // Never over Discord's limit, whatever the layout above: the reply would be refused whole.
        return rows.Count > RowsPerMessage ? [.. rows.Take(RowsPerMessage)] : rows;
    }

    /// <summary>Cuts text to Discord's limit, marking the cut.</summary>
    public static string Fit(string text) => MemberText.Cut(text, MaxContent);

    /// <summary>The images the reply shows, grouped by message: with <see cref="ReplyDecor.GridOnly"/> and a grid, the grid alone.</summary>
    private static IReadOnlyList<IReadOnlyList<ReplyImage>> Groups(ReplyState state, ReplyDecor decor)
    {
        IReadOnlyList<ReplyImage> images = state.HasGrid && decor.GridOnly && state.Images.Count > 0 ? [state.Images[0]] : state.Images;
        return AttachmentGroups.Split(images);
    }

    /// <summary>The 1-based numbers of the results message <paramref name="message"/> carries (all of them on the reply with a grid).</summary>
    private static IReadOnlyList<int> Numbers(ReplyState state, ReplyDecor decor, int message)
    {
        if (state.Numbered <= 1)
        {
            return [];
        }

        if (state.HasGrid)
        {
            return message == 0 ? [.. Enumerable.Range(1, state.Numbered)] : [];
        }

        var groups = Groups(state, decor);
        var before = groups.Take(message).Sum(g => g.Count);
        var here = message < groups.Count ? groups[message].Count : 0;
        return [.. Enumerable.Range(before + 1, Math.Max(0, Math.Min(here, state.Numbered - before)))];
    }

    /// <summary>Re-roll, the whole-reply Upscale/Vary of a single image, Details, Edit, Delete and Cancel, in that order.</summary>
    private static List<MessageComponent> General(ReplyButtons buttons, string jobId, int numbered)
    {
        var list = new List<MessageComponent>(7);
        Add(ReplyButtons.Reroll, ButtonStyle.Primary, "reroll", "Re-roll");
        if (numbered <= 1)
        {
            // One image: its Upscale and Vary need no number (the id names image 1 when there is one).
            var suffix = numbered == 1 ? ":1" : string.Empty;
            Add(ReplyButtons.Upscale, ButtonStyle.Secondary, "upscale", "Upscale", suffix);
            Add(ReplyButtons.Vary, ButtonStyle.Secondary, "vary", "Vary", suffix);
        }

        Add(ReplyButtons.Details, ButtonStyle.Secondary, "details", "Details");
        Add(ReplyButtons.Edit, ButtonStyle.Secondary, "edit", "Edit & redo");
        Add(ReplyButtons.Delete, ButtonStyle.Danger, "delete", "Delete");
        Add(ReplyButtons.Cancel, ButtonStyle.Danger, "cancel", "Cancel");
        return list;

        void Add(ReplyButtons flag, ButtonStyle style, string action, string label, string suffix = "")
        {
            if (buttons.HasFlag(flag))
            {
                list.Add(Button.Action(style, $"{action}:{jobId}{suffix}", label));
            }
        }
    }

    private static List<MessageComponent> PerImage(ReplyButtons buttons, ReplyButtons flag, string action, string letter, string jobId, IReadOnlyList<int> numbers) =>
        !buttons.HasFlag(flag)
            ? []
            : [.. numbers.Select(n => (MessageComponent)Button.Action(ButtonStyle.Secondary, string.Create(CultureInfo.InvariantCulture, $"{action}:{jobId}:{n}"), string.Create(CultureInfo.InvariantCulture, $"{letter}{n}")))];

    private static IEnumerable<ActionRow> Rows(List<MessageComponent> buttons) =>
        buttons.Chunk(ButtonsPerRow).Select(chunk => ActionRow.Of([.. chunk]));

    private static FileUpload Upload(ReplyImage image) => new(image.FileName, image.Content) { ContentType = image.MediaType };

    private static string PreviewName(string mediaType) => mediaType switch
    {
        "image/png" => "preview.png",
        "image/webp" => "preview.webp",
        _ => "preview.jpg",
    };
}

using ComfyBot.Discord.Rest;

namespace ComfyBot.Discord.Messages;

/// <summary>Checks a body against the limits Discord enforces, so a bad body fails here with a clear message instead of a 400.</summary>
internal static class MessageBodyValidator
{
    public const int MaxContent = 2000;
    public const int MaxEmbeds = 10;
    public const int MaxAttachments = 10;
    public const int MaxRows = 5;
    public const int MaxButtonsPerRow = 5;
    public const int MaxCustomId = 100;
    public const int MaxEmbedTotal = 6000;

    /// <summary>Throws <see cref="DiscordValidationException"/> listing every problem.</summary>
    /// <param name="body">The body.</param>
    /// <param name="requireSomething">True for new messages: Discord refuses an empty one (50006).</param>
    public static void Validate(MessageBody body, bool requireSomething)
    {
        ArgumentNullException.ThrowIfNull(body);
        var problems = new List<string>();
        if (body.Content is { Length: > MaxContent } content)
        {
            problems.Add($"content: {content.Length} characters, at most {MaxContent} allowed; shorten the text or move it into an embed description.");
        }

        if (requireSomething && string.IsNullOrEmpty(body.Content) && (body.Embeds?.Count ?? 0) == 0
            && (body.Components?.Count ?? 0) == 0 && body.Files.Count == 0)
        {
            problems.Add("body: a new message needs content, an embed, a component or a file (Discord answers 50006 Empty message).");
        }

        ValidateEmbeds(body.Embeds, problems);
        ValidateComponents(body.Components, problems);
        ValidateAttachments(body, problems);
        if (body.Flags is { } flags && (flags & ~(MessageFlags.SuppressEmbeds | MessageFlags.Ephemeral | MessageFlags.SuppressNotifications)) != 0)
        {
            problems.Add($"flags: {(int)flags} sets bits a bot may not send; use only SuppressEmbeds, Ephemeral and SuppressNotifications.");
        }

        if (problems.Count > 0)
        {
            throw new DiscordValidationException("The message body", problems);
        }
    }

    private static void ValidateEmbeds(IReadOnlyList<Embed>? embeds, List<string> problems)
    {
        if (embeds is null)
        {
            return;
        }

        if (embeds.Count > MaxEmbeds)
        {
            problems.Add($"embeds: {embeds.Count} embeds, at most {MaxEmbeds} allowed.");
        }

        var total = 0;
        for (var i = 0; i < embeds.Count; i++)
        {
            var embed = embeds[i];
            var path = $"embeds[{i}]";
            total += Max(embed.Title, 256, $"{path}.title", problems) + Max(embed.Description, 4096, $"{path}.description", problems)
                + Max(embed.Footer?.Text, 2048, $"{path}.footer.text", problems);
            if (embed.Color is < 0 or > 0xFFFFFF)
            {
                problems.Add($"{path}.color: {embed.Color} is not an 0xRRGGBB colour (0 to 16777215).");
            }

            var fields = embed.Fields ?? [];
            if (fields.Count > 25)
            {
                problems.Add($"{path}.fields: {fields.Count} fields, at most 25 allowed.");
            }

            for (var f = 0; f < fields.Count; f++)
            {
                total += Max(fields[f].Name, 256, $"{path}.fields[{f}].name", problems) + Max(fields[f].Value, 1024, $"{path}.fields[{f}].value", problems);
            }
        }

        if (total > MaxEmbedTotal)
        {
            problems.Add($"embeds: {total} characters of titles, descriptions, fields and footers together, at most {MaxEmbedTotal} allowed.");
        }
    }

    private static void ValidateComponents(IReadOnlyList<ActionRow>? rows, List<string> problems)
    {
        if (rows is null)
        {
            return;
        }

        if (rows.Count > MaxRows)
        {
            problems.Add($"components: {rows.Count} action rows, at most {MaxRows} allowed.");
        }

        var customIds = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var path = $"components[{r}]";
            if (row.Components.Count == 0)
            {
                problems.Add($"{path}: an action row needs at least one component; leave the row out instead.");
            }

            if (row.Components.Count > MaxButtonsPerRow)
            {
                problems.Add($"{path}: {row.Components.Count} buttons, at most {MaxButtonsPerRow} per row; start another row.");
            }

            if (row.Components.Count > 1 && row.Components.Any(c => c is StringSelect))
            {
                problems.Add($"{path}: a select menu must be alone in its action row.");
            }

            for (var c = 0; c < row.Components.Count; c++)
            {
                var componentPath = $"{path}.components[{c}]";
                switch (row.Components[c])
                {
                    case Button button:
                        ValidateButton(button, componentPath, customIds, problems);
                        break;
                    case StringSelect select:
                        ValidateSelect(select, componentPath, customIds, problems);
                        break;
                }
            }
        }
    }

    private static void ValidateButton(Button button, string path, HashSet<string> customIds, List<string> problems)
    {
        Max(button.Label, 80, $"{path}.label", problems);
        if (button.Style == ButtonStyle.Link)
        {
            if (string.IsNullOrEmpty(button.Url))
            {
                problems.Add($"{path}.url: a link button needs a url.");
            }
            else if (button.Url.Length > 512)
            {
                problems.Add($"{path}.url: {button.Url.Length} characters, at most 512 allowed.");
            }

            if (button.CustomId is not null)
            {
                problems.Add($"{path}.custom_id: a link button cannot have a custom_id; remove it or use another style.");
            }
        }
        else
        {
            CustomId(button.CustomId, path, customIds, problems);
            if (button.Url is not null)
            {
                problems.Add($"{path}.url: only link buttons have a url.");
            }
        }

        if (string.IsNullOrEmpty(button.Label) && button.Emoji is null)
        {
            problems.Add($"{path}: a button needs a label or an emoji.");
        }
    }

    private static void ValidateSelect(StringSelect select, string path, HashSet<string> customIds, List<string> problems)
    {
        CustomId(select.CustomId, path, customIds, problems);
        Max(select.Placeholder, 150, $"{path}.placeholder", problems);
        if (select.Options.Count is < 1 or > 25)
        {
            problems.Add($"{path}.options: {select.Options.Count} options, 1 to 25 allowed.");
        }

        if (select.MinValues is < 0 or > 25 || select.MaxValues is < 1 or > 25 || select.MinValues > select.MaxValues)
        {
            problems.Add($"{path}: min_values {select.MinValues} and max_values {select.MaxValues} must satisfy 0 <= min <= max <= 25, max >= 1.");
        }

        for (var o = 0; o < select.Options.Count; o++)
        {
            var option = select.Options[o];
            NonEmptyMax(option.Label, 100, $"{path}.options[{o}].label", problems);
            NonEmptyMax(option.Value, 100, $"{path}.options[{o}].value", problems);
            Max(option.Description, 100, $"{path}.options[{o}].description", problems);
        }
    }

    private static void ValidateAttachments(MessageBody body, List<string> problems)
    {
        var count = body.Files.Count + (body.KeepAttachments?.Count ?? 0);
        if (count > MaxAttachments)
        {
            problems.Add($"attachments: {count} attachments (new files plus kept ones), at most {MaxAttachments} allowed.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < body.Files.Count; i++)
        {
            var file = body.Files[i];
            if (string.IsNullOrWhiteSpace(file.FileName))
            {
                problems.Add($"files[{i}]: the file name is empty; give it a name such as image.png.");
            }
            else if (!names.Add(file.FileName))
            {
                problems.Add($"files[{i}]: the file name '{file.FileName}' is used twice; attachment:// links need unique names.");
            }

            Max(file.Description, 1024, $"attachments[{i}].description", problems);
        }
    }

    private static void CustomId(string? customId, string path, HashSet<string> customIds, List<string> problems)
    {
        if (string.IsNullOrEmpty(customId))
        {
            problems.Add($"{path}.custom_id: missing; interactive components need a custom_id of 1 to {MaxCustomId} characters.");
        }
        else if (customId.Length > MaxCustomId)
        {
            problems.Add($"{path}.custom_id: {customId.Length} characters, at most {MaxCustomId} allowed; keep state server-side and put a short key here.");
        }
        else if (!customIds.Add(customId))
        {
            problems.Add($"{path}.custom_id: '{customId}' is used twice; custom_ids must be unique within a message.");
        }
    }

    private static int Max(string? text, int max, string path, List<string> problems)
    {
        if (text is { Length: var length } && length > max)
        {
            problems.Add($"{path}: {length} characters, at most {max} allowed.");
        }

        return text?.Length ?? 0;
    }

    private static void NonEmptyMax(string? text, int max, string path, List<string> problems)
    {
        if (string.IsNullOrEmpty(text))
        {
            problems.Add($"{path}: empty; 1 to {max} characters required.");
        }
        else
        {
            Max(text, max, path, problems);
        }
    }
}

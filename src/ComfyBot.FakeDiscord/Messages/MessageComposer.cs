using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Rest;

namespace ComfyBot.FakeDiscord.Messages;

/// <summary>
/// Applies a create or edit body (plus uploaded files) to a message the way Discord does: absent fields are
/// kept, null or [] clears, and an <c>attachments</c> list names every attachment that stays (kept by id, new by
/// placeholder matching <c>files[n]</c>).
/// </summary>
internal sealed class MessageComposer(MessageStore store)
{
    public const int MaxContentLength = 2000;
    public const int MaxAttachments = 10;

    /// <param name="previous">The current state when editing; null when creating.</param>
    /// <param name="payload">The JSON body or <c>payload_json</c>; null when only files were sent.</param>
    /// <param name="files">Uploaded files.</param>
    /// <param name="sizeLimit">Per-file limit in bytes.</param>
    /// <param name="location">Prefix for field errors (<c>data</c> inside a callback).</param>
    public MessageState Compose(MessageState? previous, JsonObject? payload, IReadOnlyList<UploadedFile> files, long sizeLimit, string location = "")
    {
        payload ??= [];
        foreach (var file in files)
        {
            if (file.Bytes.LongLength > sizeLimit)
            {
                throw new DiscordErrorException(RestResponse.Error(413, 40005, "Request entity too large"));
            }
        }

        var content = payload.TryGetPropertyValue("content", out var c) ? c?.GetValue<string>() ?? "" : previous?.Content ?? "";
        if (content.Length > MaxContentLength)
        {
            throw new DiscordErrorException(RestResponse.InvalidFormBody(
                Join(location, "content"), "BASE_TYPE_MAX_LENGTH", $"Must be {MaxContentLength} or fewer in length."));
        }

        var embeds = payload.TryGetPropertyValue("embeds", out var e) ? Elements(e) : previous?.Embeds ?? [];
        var components = payload.TryGetPropertyValue("components", out var k) ? Elements(k) : previous?.Components ?? [];
        var attachments = ComposeAttachments(previous, payload, files, location);
        if (attachments.Count > MaxAttachments)
        {
            throw new DiscordErrorException(RestResponse.InvalidFormBody(
                Join(location, "attachments"), "BASE_TYPE_MAX_LENGTH", $"Must be {MaxAttachments} or fewer in length."));
        }

        var flags = previous?.Flags ?? 0;
        if (payload["flags"] is JsonValue f && f.TryGetValue<int>(out var requested))
        {
            // Ephemeral and loading are fixed when the message is created; an edit may only toggle the rest.
            var fixedBits = previous is null ? 0 : MessageFlags.Ephemeral | MessageFlags.IsComponentsV2;
            flags = (flags & (fixedBits | MessageFlags.Loading)) | (requested & MessageFlags.Settable & ~fixedBits);
        }

        if (previous is not null)
        {
            flags &= ~MessageFlags.Loading;
        }

        if (payload.ContainsKey("components"))
        {
            ComponentLimits.Check(components, flags, location);
        }

        var state = new MessageState
        {
            Version = previous is null ? 0 : previous.Version + 1,
            Content = content,
            Embeds = embeds,
            Components = components,
            Attachments = attachments,
            Flags = flags,
            At = store.Now,
        };
        if (previous is null && state.Content.Length == 0 && embeds.Count == 0 && components.Count == 0 && attachments.Count == 0
            && payload["poll"] is null)
        {
            throw new DiscordErrorException(RestResponse.Error(400, 50006, "Cannot send an empty message"));
        }

        return state;
    }

    /// <summary>The "thinking…" placeholder a type 5 callback creates.</summary>
    public MessageState Deferred(bool ephemeral) => new()
    {
        Version = 0,
        Flags = MessageFlags.Loading | (ephemeral ? MessageFlags.Ephemeral : 0),
        At = store.Now,
    };

    private List<FakeAttachment> ComposeAttachments(MessageState? previous, JsonObject payload, IReadOnlyList<UploadedFile> files, string location)
    {
        var kept = previous?.Attachments ?? [];
        var byIndex = new Dictionary<int, UploadedFile>();
        var unindexed = new List<UploadedFile>();
        foreach (var file in files)
        {
            if (file.Index is int index && byIndex.TryAdd(index, file))
            {
                continue;
            }

            unindexed.Add(file);
        }

        if (!payload.TryGetPropertyValue("attachments", out var listed) || listed is null)
        {
            // No list: existing attachments stay and new files are appended (null clears, per PATCH rules).
            var start = listed is null && payload.ContainsKey("attachments") ? [] : kept.ToList();
            start.AddRange(files.Select(file => store.StoreAttachment(file, null, null, false)));
            return start;
        }

        var result = new List<FakeAttachment>();
        var used = new HashSet<UploadedFile>();
        var position = 0;
        foreach (var item in listed.AsArray())
        {
            var at = Join(location, $"attachments.{position++}");
            var id = item?["id"] is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;
            if (id is null)
            {
                throw new DiscordErrorException(RestResponse.InvalidFormBody(Join(at, "id"), "BASE_TYPE_REQUIRED", "This field is required"));
            }

            var description = item!["description"]?.GetValue<string>();
            var spoiler = item["is_spoiler"] is JsonValue sp && sp.TryGetValue<bool>(out var b) ? b : (bool?)null;
            var existing = kept.FirstOrDefault(a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == id);
            if (existing is not null)
            {
                result.Add(existing.With(description, spoiler));
            }
            else if (int.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var placeholder) && byIndex.TryGetValue(placeholder, out var file))
            {
                used.Add(file);
                result.Add(store.StoreAttachment(file, item["filename"]?.GetValue<string>(), description, spoiler ?? false));
            }
            else
            {
                throw new DiscordErrorException(RestResponse.InvalidFormBody(Join(at, "id"), "ATTACHMENT_NOT_FOUND",
                    $"Attachment '{id}' is neither an attachment of this message nor a files[{id}] part of this request."));
            }
        }

        // Files the list does not mention are still uploaded, as Discord does.
        result.AddRange(files.Where(f => !used.Contains(f)).Select(f => store.StoreAttachment(f, null, null, false)));
        return result;
    }

    private static List<JsonElement> Elements(JsonNode? node)
    {
        if (node is not JsonArray array)
        {
            return [];
        }

        using var document = JsonDocument.Parse(array.ToJsonString());
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static string Join(string prefix, string field) => prefix.Length == 0 ? field : prefix + "." + field;
}

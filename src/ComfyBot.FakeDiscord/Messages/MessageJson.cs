using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComfyBot.FakeDiscord.Messages;

/// <summary>Renders a stored message as Discord's message object.</summary>
internal static class MessageJson
{
    public static JsonObject Render(FakeMessage message, ulong? applicationId)
    {
        var history = message.History;
        var state = history[^1];
        var body = new JsonObject
        {
            ["id"] = Id(message.Id),
            ["type"] = message.Type,
            ["channel_id"] = Id(message.ChannelId),
            ["author"] = UserJson.Render(message.Author),
            ["content"] = state.Content,
            ["timestamp"] = Timestamp(history[0].At),
            ["edited_timestamp"] = history.Count > 1 ? Timestamp(state.At) : null,
            ["tts"] = false,
            ["mention_everyone"] = false,
            ["mentions"] = new JsonArray(),
            ["mention_roles"] = new JsonArray(),
            ["pinned"] = false,
            ["flags"] = state.Flags,
            ["embeds"] = Array(state.Embeds),
            ["components"] = Array(state.Components),
            ["attachments"] = new JsonArray([.. state.Attachments.Select(Attachment)]),
        };
        if (message.GuildId is { } guild)
        {
            body["guild_id"] = Id(guild);
        }

        if (message.InteractionId is not null && applicationId is { } app)
        {
            body["webhook_id"] = Id(app);
            body["application_id"] = Id(app);
        }

        if (message.Interaction is { } interaction)
        {
            body["interaction_metadata"] = interaction.Metadata();
            body["interaction"] = interaction.Legacy();
        }

        if (message.Reference is { } reference)
        {
            var node = new JsonObject { ["type"] = 0, ["message_id"] = Id(reference.MessageId), ["channel_id"] = Id(reference.ChannelId) };
            if (reference.GuildId is { } g)
            {
                node["guild_id"] = Id(g);
            }

            body["message_reference"] = node;
        }

        if (message.Reactions is { Count: > 0 } reactions && applicationId is { } me)
        {
            body["reactions"] = new JsonArray([.. reactions.Select(r => (JsonNode)Reaction(r.Key, r.Value, me))]);
        }

        return body;
    }

    private static JsonObject Reaction(string emoji, IReadOnlyList<ulong> users, ulong me)
    {
        var colon = emoji.IndexOf(':', StringComparison.Ordinal);
        var node = colon > 0
            ? new JsonObject { ["id"] = emoji[(colon + 1)..], ["name"] = emoji[..colon] }
            : new JsonObject { ["id"] = null, ["name"] = emoji };
        return new JsonObject
        {
            ["count"] = users.Count,
            ["count_details"] = new JsonObject { ["burst"] = 0, ["normal"] = users.Count },
            ["me"] = users.Contains(me),
            ["me_burst"] = false,
            ["burst_colors"] = new JsonArray(),
            ["emoji"] = node,
        };
    }

    public static JsonObject Attachment(FakeAttachment attachment)
    {
        var node = new JsonObject
        {
            ["id"] = Id(attachment.Id),
            ["filename"] = attachment.Filename,
            ["size"] = attachment.Size,
            ["url"] = attachment.Url.ToString(),
            ["proxy_url"] = attachment.Url.ToString(),
        };
        if (attachment.ContentType is not null)
        {
            node["content_type"] = attachment.ContentType;
        }

        if (attachment.Description is not null)
        {
            node["description"] = attachment.Description;
        }

        if (attachment.IsSpoiler)
        {
            node["flags"] = FakeAttachment.SpoilerFlag;
        }

        return node;
    }

    public static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    private static JsonArray Array(IReadOnlyList<JsonElement> elements) =>
        new([.. elements.Select(e => JsonNode.Parse(e.GetRawText()))]);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;

namespace ComfyBot.FakeDiscord.Control;

/// <summary>How the control API shows guilds, messages (every state) and interactions.</summary>
internal static class ControlJson
{
    public static JsonObject Guild(FakeGuild guild) => new()
    {
        ["id"] = MessageJson.Id(guild.Id),
        ["name"] = guild.Name,
        ["channels"] = new JsonArray([.. guild.Channels.Select(c => (JsonNode)new JsonObject { ["id"] = MessageJson.Id(c.Id), ["name"] = c.Name, ["type"] = c.Type })]),
        ["roles"] = new JsonArray([.. guild.Roles.Select(r => (JsonNode)new JsonObject { ["id"] = MessageJson.Id(r.Id), ["name"] = r.Name, ["permissions"] = r.Permissions })]),
        ["members"] = new JsonArray([.. guild.Members.Select(m => (JsonNode)User(m))]),
    };

    public static JsonObject User(FakeUser user) => new()
    {
        ["id"] = MessageJson.Id(user.Id),
        ["username"] = user.Username,
        ["global_name"] = user.GlobalName,
    };

    public static JsonObject Message(FakeMessage message) => new()
    {
        ["id"] = MessageJson.Id(message.Id),
        ["channel_id"] = MessageJson.Id(message.ChannelId),
        ["type"] = message.Type,
        ["interaction_id"] = message.InteractionId is { } i ? MessageJson.Id(i) : null,
        ["referenced_message_id"] = message.ReferencedMessageId is { } r ? MessageJson.Id(r) : null,
        ["deleted"] = message.IsDeleted,
        ["reactions"] = new JsonObject([.. message.Reactions.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.Count))]),
        ["states"] = new JsonArray([.. message.History.Select(s => (JsonNode)State(s))]),
    };

    public static JsonObject Interaction(FakeInteraction interaction) => new()
    {
        ["id"] = MessageJson.Id(interaction.Id),
        ["type"] = interaction.Type,
        ["channel_id"] = MessageJson.Id(interaction.ChannelId),
        ["user"] = User(interaction.User),
        ["dispatched"] = interaction.IsDispatched,
        ["callback"] = interaction.Callback is { } c
            ? new JsonObject { ["type"] = c.Type, ["data"] = c.Data is { } d ? JsonNode.Parse(d.GetRawText()) : null, ["at"] = MessageJson.Timestamp(c.At) }
            : null,
        ["original"] = interaction.OriginalMessage is { } original ? Message(original) : null,
        ["followups"] = new JsonArray([.. interaction.Followups.Select(f => (JsonNode)Message(f))]),
    };

    private static JsonObject State(MessageState state) => new()
    {
        ["version"] = state.Version,
        ["at"] = MessageJson.Timestamp(state.At),
        ["content"] = state.Content,
        ["flags"] = state.Flags,
        ["loading"] = state.IsLoading,
        ["ephemeral"] = state.IsEphemeral,
        ["embeds"] = Elements(state.Embeds),
        ["components"] = Elements(state.Components),
        ["custom_ids"] = new JsonArray([.. state.CustomIds.Select(id => (JsonNode)id)]),
        ["attachments"] = new JsonArray([.. state.Attachments.Select(a => (JsonNode)MessageJson.Attachment(a))]),
    };

    private static JsonArray Elements(IReadOnlyList<JsonElement> elements) => new([.. elements.Select(e => JsonNode.Parse(e.GetRawText()))]);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.FakeDiscord.Messages;

/// <summary>
/// The interaction a message answers, as Discord renders it on the message: <c>interaction_metadata</c> and the
/// older <c>interaction</c>. Clients find a reply's components through it (discord.py maps a clicked button's
/// view through <c>message.interaction.id</c>).
/// </summary>
internal sealed record MessageInteraction(ulong Id, int Type, string? Name, int? CommandType, FakeUser User, ulong? GuildId,
    ulong? InteractedMessageId, ulong? OriginalResponseMessageId)
{
    public static MessageInteraction Of(FakeInteraction interaction, ulong? originalResponseMessageId = null)
    {
        string? name = null;
        int? commandType = null;
        if (interaction.Type is 2 or 4 && interaction.Payload.ValueKind == JsonValueKind.Object
            && interaction.Payload.TryGetProperty("data", out var data))
        {
            name = data.TryGetProperty("name", out var n) ? n.GetString() : null;
            commandType = data.TryGetProperty("type", out var t) && t.TryGetInt32(out var type) ? type : 1;
        }

        return new MessageInteraction(interaction.Id, interaction.Type, name, commandType, interaction.User, interaction.GuildId,
            interaction.SourceMessage?.Id, originalResponseMessageId);
    }

    public JsonObject Metadata()
    {
        var node = new JsonObject
        {
            ["id"] = MessageJson.Id(Id),
            ["type"] = Type,
            ["user"] = UserJson.Render(User),
            ["authorizing_integration_owners"] = new JsonObject { ["0"] = GuildId is { } g ? MessageJson.Id(g) : "0" },
        };
        if (Name is not null)
        {
            node["name"] = Name;
            node["command_type"] = CommandType;
        }

        if (InteractedMessageId is { } interacted)
        {
            node["interacted_message_id"] = MessageJson.Id(interacted);
        }

        if (OriginalResponseMessageId is { } original)
        {
            node["original_response_message_id"] = MessageJson.Id(original);
        }

        return node;
    }

    /// <summary>The deprecated message interaction object; Discord still sends it and older clients read it.</summary>
    public JsonObject Legacy() => new()
    {
        ["id"] = MessageJson.Id(Id),
        ["type"] = Type,
        ["name"] = Name ?? "",
        ["user"] = UserJson.Render(User),
    };
}

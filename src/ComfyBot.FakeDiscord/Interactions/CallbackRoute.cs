using System.Globalization;
using ComfyBot.FakeDiscord.Contracts;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Messages;
using ComfyBot.FakeDiscord.Rest;

namespace ComfyBot.FakeDiscord.Interactions;

/// <summary>
/// POST /interactions/{id}/{token}/callback: one callback per interaction, within the callback window, of a type
/// that fits the interaction.
/// </summary>
internal sealed class CallbackRoute(FakeDiscordState state)
{
    public void Register(RouteTable routes) =>
        routes.Open("post /interactions/{interaction_id}/{interaction_token}/callback", HandleAsync, Authorize);

    /// <summary>The interaction and its token, checked before the body as Discord does; null when both hold.</summary>
    private RestResponse? Authorize(OperationMatch match)
    {
        var interaction = ulong.TryParse(match["interaction_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? state.Interactions.Find(id)
            : null;
        if (interaction is null || !string.Equals(interaction.Token, match["interaction_token"], StringComparison.Ordinal))
        {
            return UnknownInteraction();
        }

        return interaction.Callback is null && state.Time.GetUtcNow() - interaction.CreatedAt > state.Options.InteractionCallbackWindow
            ? UnknownInteraction()
            : null;
    }

    private Task<RestResponse> HandleAsync(RestRequest request)
    {
        if (Authorize(request.Match) is { } refused)
        {
            return Task.FromResult(refused);
        }

        var interaction = state.Interactions.Find(request.Snowflake("interaction_id"))!;
        var now = state.Time.GetUtcNow();

        var payload = request.PayloadObject;
        if (payload["type"] is not JsonValue t || !t.TryGetValue<int>(out var type))
        {
            return Task.FromResult(RestResponse.InvalidFormBody("type", "BASE_TYPE_REQUIRED", "This field is required"));
        }

        if (!Fits(type, interaction.Type))
        {
            return Task.FromResult(RestResponse.InvalidFormBody("type", "INTERACTION_RESPONSE_TYPE_INVALID",
                $"Callback type {type} is not valid for an interaction of type {interaction.Type}."));
        }

        var data = payload["data"] as JsonObject;
        MessageState? composed = type switch
        {
            4 => state.Composer.Compose(null, data, request.Files, interaction.AttachmentSizeLimit, "data"),
            5 => state.Composer.Deferred(((data?["flags"]?.GetValue<int>() ?? 0) & MessageFlags.Ephemeral) != 0),
            7 => state.Composer.Compose(interaction.SourceMessage!.Current, data, request.Files, interaction.AttachmentSizeLimit, "data"),
            _ => null,
        };

        if (!interaction.TryAcknowledge(new InteractionCallback(type, ToElement(data), now)))
        {
            return Task.FromResult(RestResponse.Error(400, 40060, "Interaction has already been acknowledged."));
        }

        switch (type)
        {
            case 4 or 5:
                // A command's reply is CHAT_INPUT_COMMAND (20); a component's or modal's is a REPLY (19) to the clicked message.
                var messageType = interaction.Type == 2 ? 20 : 19;
                var reference = interaction.SourceMessage is { } source ? new MessageReference(source.Id, source.ChannelId, source.GuildId) : null;
                interaction.SetOriginal(state.Messages.Create(interaction.ChannelId, interaction.GuildId, state.BotUser, interaction.Id, messageType, composed!,
                    MessageInteraction.Of(interaction), reference));
                break;
            case 6:
                interaction.SetOriginal(interaction.SourceMessage!);
                break;
            case 7:
                state.Messages.Update(interaction.SourceMessage!, composed!);
                interaction.SetOriginal(interaction.SourceMessage!);
                break;
        }

        state.Signal.Notify();
        return Task.FromResult(request.QueryFlag("with_response") ? RestResponse.Ok(CallbackResponse(interaction, type)) : RestResponse.NoContent);
    }

    /// <summary>4, 5 and 9 answer commands and components; 6 and 7 only components; 8 only autocomplete.</summary>
    private static bool Fits(int callbackType, int interactionType) => callbackType switch
    {
        4 or 5 => interactionType is 2 or 3 or 5,
        6 or 7 => interactionType is 3 or 5,
        8 => interactionType == 4,
        9 => interactionType is 2 or 3,
        _ => false,
    };

    private JsonObject CallbackResponse(FakeInteraction interaction, int type)
    {
        var original = interaction.OriginalMessage;
        var info = new JsonObject { ["id"] = MessageJson.Id(interaction.Id), ["type"] = interaction.Type };
        if (original is not null)
        {
            info["response_message_id"] = MessageJson.Id(original.Id);
            info["response_message_loading"] = original.Current.IsLoading;
            info["response_message_ephemeral"] = original.Current.IsEphemeral;
        }

        var resource = new JsonObject { ["type"] = type };
        if (type is 4 or 7 && original is not null)
        {
            resource["message"] = MessageJson.Render(original, state.Options.ApplicationId);
        }

        return new JsonObject { ["interaction"] = info, ["resource"] = resource };
    }

    private static RestResponse UnknownInteraction() => RestResponse.Error(404, 10062, "Unknown interaction");

    private static JsonElement? ToElement(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}

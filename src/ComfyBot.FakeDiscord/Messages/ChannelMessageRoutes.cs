using System.Globalization;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Rest;

namespace ComfyBot.FakeDiscord.Messages;

/// <summary>Channel messages with the bot token: the fallback once an interaction token has expired.</summary>
internal sealed class ChannelMessageRoutes(FakeDiscordState state)
{
    private const string Base = "/channels/{channel_id}/messages";

    public void Register(RouteTable routes)
    {
        routes.Bot("get " + Base, r => Run(r, List));
        routes.Bot("post " + Base, r => Run(r, c => Create(r, c)));
        routes.Bot("get " + Base + "/{message_id}", r => Run(r, c => Read(Find(r, c))));
        routes.Bot("patch " + Base + "/{message_id}", r => Run(r, c => Edit(r, Find(r, c))));
        routes.Bot("delete " + Base + "/{message_id}", r => Run(r, c => Delete(Find(r, c))));
    }

    private Task<RestResponse> Run(RestRequest request, Func<ulong, RestResponse> action)
    {
        var channelId = request.Snowflake("channel_id");
        return Task.FromResult(state.FindChannel(channelId, out _) is null
            ? RestResponse.Error(404, 10003, "Unknown Channel")
            : action(channelId));
    }

    private RestResponse List(ulong channelId) => RestResponse.Ok(new JsonArray([.. state.Messages.All
        .Where(m => m.ChannelId == channelId && !m.IsDeleted && !m.Current.IsEphemeral)
        .Reverse()
        .Take(50)
        .Select(m => (JsonNode)MessageJson.Render(m, state.Options.ApplicationId))]));

    private RestResponse Create(RestRequest request, ulong channelId)
    {
        state.FindChannel(channelId, out var guild);
        var payload = request.PayloadObject;
        var composed = state.Composer.Compose(null, payload, request.Files, state.Options.AttachmentSizeLimit);
        var reference = Reference(payload["message_reference"] as JsonObject, channelId, guild?.Id);
        return Read(state.Messages.Create(channelId, guild?.Id, state.BotUser, null, reference is null ? 0 : 19, composed, reference: reference));
    }

    /// <summary>
    /// A reply's target: Discord answers 400 50035 for an unknown message unless <c>fail_if_not_exists</c> is false,
    /// when the message is sent as a plain one (type 0, no reference).
    /// </summary>
    private MessageReference? Reference(JsonObject? reference, ulong channelId, ulong? guildId)
    {
        if (reference is null || reference["type"] is JsonValue t && t.TryGetValue<int>(out var kind) && kind != 0)
        {
            return null;
        }

        var raw = reference["message_id"] as JsonValue;
        var text = raw is null ? null : raw.TryGetValue<string>(out var s) ? s : raw.ToJsonString();
        var target = ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? state.Messages.Find(id) : null;
        if (target is { IsDeleted: false } && target.ChannelId == channelId)
        {
            return new MessageReference(target.Id, channelId, guildId);
        }

        return reference["fail_if_not_exists"] is JsonValue f && f.TryGetValue<bool>(out var fail) && !fail
            ? null
            : throw new DiscordErrorException(RestResponse.InvalidFormBody("message_reference", "REPLIES_UNKNOWN_MESSAGE", "Unknown message"));
    }

    private FakeMessage Find(RestRequest request, ulong channelId)
    {
        var message = state.Messages.Find(request.Snowflake("message_id"));
        return message is { IsDeleted: false } && message.ChannelId == channelId && !message.Current.IsEphemeral
            ? message
            : throw new DiscordErrorException(RestResponse.Error(404, 10008, "Unknown Message"));
    }

    private RestResponse Read(FakeMessage message) => RestResponse.Ok(MessageJson.Render(message, state.Options.ApplicationId));

    private RestResponse Edit(RestRequest request, FakeMessage message)
    {
        state.Messages.Update(message, current => state.Composer.Compose(current, request.PayloadObject, request.Files, state.Options.AttachmentSizeLimit));
        return Read(message);
    }

    private RestResponse Delete(FakeMessage message)
    {
        state.Messages.Delete(message);
        return RestResponse.NoContent;
    }
}

using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Rest;

namespace ComfyBot.FakeDiscord.Messages;

/// <summary>Reactions on channel messages: the bot's own (<c>@me</c>), removing others', listing who reacted.</summary>
internal sealed class ReactionRoutes(FakeDiscordState state)
{
    private const string Base = "/channels/{channel_id}/messages/{message_id}/reactions";

    public void Register(RouteTable routes)
    {
        routes.Bot("put " + Base + "/{emoji_name}/@me", r => Run(r, m => React(r, m)));
        routes.Bot("delete " + Base + "/{emoji_name}/@me", r => Run(r, m => Unreact(m, Emoji(r), state.BotUser.Id)));
        routes.Bot("delete " + Base + "/{emoji_name}/{user_id}", r => Run(r, m => Unreact(m, Emoji(r), r.Snowflake("user_id"))));
        routes.Bot("delete " + Base + "/{emoji_name}", r => Run(r, m => Unreact(m, Emoji(r), null)));
        routes.Bot("delete " + Base, r => Run(r, m => Unreact(m, null, null)));
        routes.Bot("get " + Base + "/{emoji_name}", r => Run(r, m => Users(r, m)));
    }

    private Task<RestResponse> Run(RestRequest request, Func<FakeMessage, RestResponse> action)
    {
        var channelId = request.Snowflake("channel_id");
        if (state.FindChannel(channelId, out _) is null)
        {
            return Task.FromResult(RestResponse.Error(404, 10003, "Unknown Channel"));
        }

        var message = state.Messages.Find(request.Snowflake("message_id"));
        return Task.FromResult(message is { IsDeleted: false } && message.ChannelId == channelId && !message.Current.IsEphemeral
            ? action(message)
            : RestResponse.Error(404, 10008, "Unknown Message"));
    }

    /// <summary>A unicode emoji as is; a custom one as <c>name:id</c> (Discord also takes <c>a:name:id</c>).</summary>
    private static string Emoji(RestRequest request)
    {
        var emoji = request["emoji_name"];
        return emoji.StartsWith("a:", StringComparison.Ordinal) ? emoji[2..] : emoji;
    }

    private RestResponse React(RestRequest request, FakeMessage message)
    {
        var emoji = Emoji(request);
        if (emoji.Length == 0 || emoji.Length > 64)
        {
            return RestResponse.Error(400, 10014, "Unknown Emoji");
        }

        message.React(emoji, state.BotUser.Id);
        state.Signal.Notify();
        return RestResponse.NoContent;
    }

    private RestResponse Unreact(FakeMessage message, string? emoji, ulong? userId)
    {
        message.Unreact(emoji, userId);
        state.Signal.Notify();
        return RestResponse.NoContent;
    }

    private RestResponse Users(RestRequest request, FakeMessage message)
    {
        var ids = message.Reactions.GetValueOrDefault(Emoji(request)) ?? [];
        var known = state.Guilds.SelectMany(g => g.Members).Append(state.BotUser).DistinctBy(u => u.Id).ToDictionary(u => u.Id);
        return RestResponse.Ok(new JsonArray([.. ids
            .Select(id => known.GetValueOrDefault(id) ?? new FakeUser(id, "user" + id))
            .Select(u => (JsonNode)UserJson.Render(u))]));
    }
}

using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Messages;
using ComfyBot.FakeDiscord.Rest;

namespace ComfyBot.FakeDiscord.Guilds;

/// <summary>What clients fetch about where they are: a guild, a channel, a user; and the typing indicator.</summary>
internal sealed class GuildRoutes(FakeDiscordState state)
{
    public void Register(RouteTable routes)
    {
        routes.Bot("get /guilds/{guild_id}", r => Task.FromResult(Guild(r)));
        routes.Bot("get /channels/{channel_id}", r => Task.FromResult(Channel(r)));
        routes.Bot("post /channels/{channel_id}/typing", r => Task.FromResult(Typing(r)));
        routes.Bot("get /users/{user_id}", r => Task.FromResult(User(r)));
    }

    private RestResponse Guild(RestRequest request)
    {
        var id = request.Snowflake("guild_id");
        var guild = state.Guilds.FirstOrDefault(g => g.Id == id);
        if (guild is null)
        {
            return RestResponse.Error(404, 10004, "Unknown Guild");
        }

        var body = GuildJson.Guild(state, guild);
        if (request.QueryFlag("with_counts"))
        {
            body["approximate_member_count"] = guild.Members.Count + 1;
            body["approximate_presence_count"] = 0;
        }

        return RestResponse.Ok(body);
    }

    private RestResponse Channel(RestRequest request)
    {
        var id = request.Snowflake("channel_id");
        var channel = state.FindChannel(id, out var guild);
        return channel is null
            ? RestResponse.Error(404, 10003, "Unknown Channel")
            : RestResponse.Ok(GuildJson.Channel(channel, guild!, guild!.Channels.ToList().IndexOf(channel)));
    }

    private RestResponse Typing(RestRequest request)
    {
        var id = request.Snowflake("channel_id");
        if (state.FindChannel(id, out _) is null)
        {
            return RestResponse.Error(404, 10003, "Unknown Channel");
        }

        state.RecordTyping(id);
        return RestResponse.NoContent;
    }

    private RestResponse User(RestRequest request)
    {
        var id = request.Snowflake("user_id");
        var user = id == state.BotUser.Id ? state.BotUser : state.Guilds.SelectMany(g => g.Members).FirstOrDefault(m => m.Id == id);
        return user is null ? RestResponse.Error(404, 10013, "Unknown User") : RestResponse.Ok(Public(user));
    }

    private static JsonObject Public(FakeUser user)
    {
        var node = UserJson.Render(user);
        node["banner"] = null;
        node["accent_color"] = null;
        node["avatar_decoration_data"] = null;
        return node;
    }
}

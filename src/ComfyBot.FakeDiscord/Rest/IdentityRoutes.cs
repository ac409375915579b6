using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Messages;

namespace ComfyBot.FakeDiscord.Rest;

/// <summary>What a client needs to log in: the bot user, the gateway URL and session limits, the application.</summary>
internal sealed class IdentityRoutes(FakeDiscordState state, Func<int> identifies)
{
    public void Register(RouteTable routes)
    {
        routes.Bot("get /users/@me", _ => Task.FromResult(RestResponse.Ok(BotUser())));
        routes.Bot("get /gateway/bot", _ => Task.FromResult(RestResponse.Ok(GatewayBot())));
        routes.Open("get /gateway", _ => Task.FromResult(RestResponse.Ok(new JsonObject { ["url"] = GatewayUrl })));
        routes.Bot("get /applications/@me", _ => Task.FromResult(RestResponse.Ok(Application())));
    }

    private string GatewayUrl => state.GatewayUrl.ToString().TrimEnd('/');

    private JsonObject BotUser()
    {
        var user = UserJson.Render(state.BotUser);
        user["verified"] = true;
        user["mfa_enabled"] = false;
        user["flags"] = 0;
        user["locale"] = "en-US";
        return user;
    }

    private JsonObject GatewayBot() => new()
    {
        ["url"] = GatewayUrl,
        ["shards"] = state.Options.RecommendedShards,
        ["session_start_limit"] = new JsonObject
        {
            ["total"] = 1000,
            ["remaining"] = Math.Max(0, 1000 - identifies()),
            ["reset_after"] = 86_400_000,
            ["max_concurrency"] = 1,
        },
    };

    private JsonObject Application() => new()
    {
        ["id"] = MessageJson.Id(state.Options.ApplicationId),
        ["name"] = state.Options.BotUsername,
        ["icon"] = null,
        ["description"] = "",
        ["summary"] = "",
        ["type"] = null,
        ["bot_public"] = true,
        ["bot_require_code_grant"] = false,
        ["verify_key"] = new string('0', 64),
        ["flags"] = 0,
        ["bot"] = BotUser(),
        ["approximate_guild_count"] = state.Guilds.Count,
    };
}

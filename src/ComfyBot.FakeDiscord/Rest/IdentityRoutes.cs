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
        // discord.py logs in through this one (Client.application_info at setup).
        routes.Bot("get /oauth2/applications/@me", _ => Task.FromResult(RestResponse.Ok(Application())));
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

    /// <summary>PrivateApplicationResponse with every field the spec marks required; no team, the first member owns it.</summary>
    private JsonObject Application()
    {
        var owner = state.Guilds.SelectMany(g => g.Members).FirstOrDefault() ?? new FakeUser(1_300_000_000_000_000_002, "developer", "Developer");
        return new JsonObject
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
            ["flags_new"] = "0",
            ["redirect_uris"] = new JsonArray(),
            ["interactions_endpoint_url"] = null,
            ["role_connections_verification_url"] = null,
            ["owner"] = UserJson.Render(owner),
            ["team"] = null,
            ["approximate_guild_count"] = state.Guilds.Count,
            ["approximate_user_install_count"] = 0,
            ["approximate_user_authorization_count"] = 0,
            ["explicit_content_filter"] = 0,
            ["eligible_oauth2_scopes"] = new JsonArray("bot", "applications.commands"),
            ["rpc_origins"] = new JsonArray(),
            ["tags"] = new JsonArray(),
            ["bot"] = BotUser(),
        };
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Guilds;
using ComfyBot.FakeDiscord.Messages;

namespace ComfyBot.FakeDiscord.Gateway;

/// <summary>Builds the gateway payloads whose shape Discord fixes: HELLO, READY, GUILD_CREATE.</summary>
internal static class GatewayFrames
{
    public static string Hello(TimeSpan interval) =>
        new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = (long)interval.TotalMilliseconds }, ["s"] = null, ["t"] = null }.ToJsonString();

    public static string Op(int op, JsonNode? d) => new JsonObject { ["op"] = op, ["d"] = d, ["s"] = null, ["t"] = null }.ToJsonString();

    public static JsonObject Ready(FakeDiscordState state, GatewaySession session, Uri resumeUrl, bool includeShard)
    {
        var user = UserJson.Render(state.BotUser);
        user["verified"] = true;
        user["mfa_enabled"] = false;
        user["flags"] = 0;
        var ready = new JsonObject
        {
            ["v"] = 10,
            ["user"] = user,
            ["guilds"] = new JsonArray([.. state.Guilds.Where(g => session.Covers(g.Id))
                .Select(g => (JsonNode)new JsonObject { ["id"] = MessageJson.Id(g.Id), ["unavailable"] = true })]),
            ["session_id"] = session.SessionId,
            ["session_type"] = "normal",
            ["resume_gateway_url"] = resumeUrl.ToString().TrimEnd('/'),
            ["application"] = new JsonObject { ["id"] = MessageJson.Id(state.Options.ApplicationId), ["flags"] = 0 },
            ["private_channels"] = new JsonArray(),
            ["presences"] = new JsonArray(),
            ["relationships"] = new JsonArray(),
            ["geo_ordered_rtc_regions"] = new JsonArray(),
            ["guild_join_requests"] = new JsonArray(),
            ["user_settings"] = new JsonObject(),
            ["_trace"] = new JsonArray("[\"fake-discord\"]"),
        };
        if (includeShard)
        {
            ready["shard"] = new JsonArray(session.ShardId, session.ShardCount);
        }

        return ready;
    }

    public static JsonObject GuildCreate(FakeDiscordState state, FakeGuild guild)
    {
        var joined = MessageJson.Timestamp(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var botMember = new JsonObject
        {
            ["user"] = UserJson.Render(state.BotUser),
            ["roles"] = new JsonArray(),
            ["joined_at"] = joined,
            ["deaf"] = false,
            ["mute"] = false,
            ["flags"] = 0,
        };
        var created = GuildJson.Guild(state, guild);
        created["unavailable"] = false;
        created["large"] = false;
        created["member_count"] = guild.Members.Count + 1;
        created["joined_at"] = joined;
        created["channels"] = new JsonArray([.. guild.Channels.Select((c, i) => (JsonNode)GuildJson.Channel(c, guild, i))]);
        created["members"] = new JsonArray(botMember);
        created["threads"] = new JsonArray();
        created["voice_states"] = new JsonArray();
        created["presences"] = new JsonArray();
        created["stage_instances"] = new JsonArray();
        created["guild_scheduled_events"] = new JsonArray();
        created["soundboard_sounds"] = new JsonArray();
        return created;
    }

    public static string NewSessionId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public static string Code(int code) => code.ToString(CultureInfo.InvariantCulture);
}

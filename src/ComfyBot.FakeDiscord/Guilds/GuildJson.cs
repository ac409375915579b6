using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Messages;

namespace ComfyBot.FakeDiscord.Guilds;

/// <summary>Renders guilds, their roles and channels as Discord's objects (REST and GUILD_CREATE share them).</summary>
internal static class GuildJson
{
    /// <summary>Every permission but ADMINISTRATOR: what @everyone holds in the fake, so a bot is never refused one.</summary>
    public const string EveryonePermissions = "2248473465835073";

    public static JsonObject Guild(FakeDiscordState state, FakeGuild guild)
    {
        var id = MessageJson.Id(guild.Id);
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = guild.Name,
            ["icon"] = null,
            ["splash"] = null,
            ["discovery_splash"] = null,
            ["owner_id"] = MessageJson.Id(guild.Members.Count > 0 ? guild.Members[0].Id : state.BotUser.Id),
            ["afk_channel_id"] = null,
            ["afk_timeout"] = 300,
            ["verification_level"] = 0,
            ["default_message_notifications"] = 0,
            ["explicit_content_filter"] = 0,
            ["mfa_level"] = 0,
            ["nsfw_level"] = 0,
            ["premium_tier"] = guild.PremiumTier,
            ["premium_subscription_count"] = 0,
            ["premium_progress_bar_enabled"] = false,
            ["preferred_locale"] = "en-US",
            ["features"] = new JsonArray(),
            ["roles"] = new JsonArray([Everyone(guild), .. guild.Roles.Select((r, i) => (JsonNode)Role(r, i + 1))]),
            ["emojis"] = new JsonArray(),
            ["stickers"] = new JsonArray(),
            ["application_id"] = null,
            ["system_channel_id"] = null,
            ["system_channel_flags"] = 0,
            ["rules_channel_id"] = null,
            ["public_updates_channel_id"] = null,
            ["safety_alerts_channel_id"] = null,
            ["vanity_url_code"] = null,
            ["description"] = null,
            ["banner"] = null,
            ["max_members"] = 500000,
            ["max_video_channel_users"] = 25,
            ["max_stage_video_channel_users"] = 50,
            ["region"] = "deprecated",
        };
    }

    public static JsonObject Channel(FakeChannel channel, FakeGuild guild, int position)
    {
        var node = ChannelFields(channel, guild, position);
        if (!channel.HasNsfwFlag)
        {
            node.Remove("nsfw");
        }

        return node;
    }

    private static JsonObject ChannelFields(FakeChannel channel, FakeGuild guild, int position) => new()
    {
        ["id"] = MessageJson.Id(channel.Id),
        ["type"] = channel.Type,
        ["name"] = channel.Name,
        ["position"] = position,
        ["guild_id"] = MessageJson.Id(guild.Id),
        ["parent_id"] = null,
        ["topic"] = null,
        ["nsfw"] = channel.Nsfw,
        ["last_message_id"] = null,
        ["rate_limit_per_user"] = 0,
        ["flags"] = 0,
        ["permission_overwrites"] = new JsonArray(),
    };

    private static JsonObject Everyone(FakeGuild guild) => Role(new FakeRole(guild.Id, "@everyone", EveryonePermissions), 0);

    private static JsonObject Role(FakeRole role, int position) => new()
    {
        ["id"] = MessageJson.Id(role.Id),
        ["name"] = role.Name,
        ["description"] = null,
        ["permissions"] = role.Permissions,
        ["position"] = position,
        ["color"] = 0,
        ["hoist"] = false,
        ["managed"] = false,
        ["mentionable"] = false,
        ["icon"] = null,
        ["unicode_emoji"] = null,
        ["flags"] = 0,
    };
}

using ComfyBot.FakeDiscord.Gateway;

namespace ComfyBot.FakeDiscord.Guilds;

/// <summary>
/// Changes where the bot is while the fake runs: guilds, channels, roles and members. Each change replaces the
/// guild's snapshot in the state (readers never see a half-edited guild) and sends the gateway event Discord
/// would send for it, if any.
/// </summary>
internal sealed class GuildRoster(FakeDiscordState state, GatewayHub hub)
{
    public FakeGuild AddGuild(FakeGuild guild)
    {
        ArgumentNullException.ThrowIfNull(guild);
        if (guild.Channels.Count == 0)
        {
            throw new ArgumentException($"Guild '{guild.Name}' has no channels; give it at least one FakeChannel.", nameof(guild));
        }

        var stored = guild.Id == 0 ? Copy(guild, state.Snowflakes.Next()) : guild;
        state.PutGuild(stored);
        hub.DispatchToGuildSessions("GUILD_CREATE", GatewayFrames.GuildCreate(state, stored), stored.Id);
        return stored;
    }

    public FakeChannel AddChannel(ulong guildId, string name, int type, bool nsfw)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var guild = Guild(guildId);
        var channel = new FakeChannel(state.Snowflakes.Next(), name, type, nsfw);
        var changed = Copy(guild, guild.Id, channels: [.. guild.Channels, channel]);
        state.PutGuild(changed);
        hub.DispatchToGuildSessions("CHANNEL_CREATE", GuildJson.Channel(channel, changed, changed.Channels.Count - 1), guildId);
        return channel;
    }

    public FakeRole AddRole(ulong guildId, string name, string permissions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var guild = Guild(guildId);
        var role = new FakeRole(state.Snowflakes.Next(), name, permissions);
        state.PutGuild(Copy(guild, guild.Id, roles: [.. guild.Roles, role]));
        return role;
    }

    public FakeUser AddMember(ulong guildId, string username, string? globalName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        var guild = Guild(guildId);
        var user = new FakeUser(state.Snowflakes.Next(), username, globalName);
        state.PutGuild(Copy(guild, guild.Id, members: [.. guild.Members, user]));
        return user;
    }

    private FakeGuild Guild(ulong guildId) => state.Guilds.FirstOrDefault(g => g.Id == guildId)
        ?? throw new ArgumentException($"Guild {guildId} is not one of the fake's guilds (it has: {string.Join(", ", state.Guilds.Select(g => g.Id))}).", nameof(guildId));

    private static FakeGuild Copy(FakeGuild guild, ulong id, IReadOnlyList<FakeChannel>? channels = null, IReadOnlyList<FakeUser>? members = null,
        IReadOnlyList<FakeRole>? roles = null) => new()
    {
        Id = id,
        Name = guild.Name,
        Channels = channels ?? guild.Channels,
        Members = members ?? guild.Members,
        Roles = roles ?? guild.Roles,
        PremiumTier = guild.PremiumTier,
    };
}

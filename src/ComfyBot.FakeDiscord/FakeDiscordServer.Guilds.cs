using ComfyBot.FakeDiscord.Gateway;
using ComfyBot.FakeDiscord.Guilds;

namespace ComfyBot.FakeDiscord;

/// <summary>Changing where the bot is while it runs: guilds, channels, roles, members.</summary>
public sealed partial class FakeDiscordServer
{
    /// <summary>
    /// The bot joins a guild (id 0: a new snowflake): it is sent as GUILD_CREATE on the sessions of its shard that
    /// asked for the GUILDS intent, as Discord does when a bot is added to a server. A guild with the same id is
    /// replaced, and sent again.
    /// </summary>
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

    /// <summary>
    /// A text channel is created in a guild (CHANNEL_CREATE on its shard's GUILDS sessions); <paramref name="nsfw"/>
    /// makes it age-restricted, which interactions from it then say in <c>channel.nsfw</c>.
    /// </summary>
    public FakeChannel AddChannel(ulong guildId, string name, int type = 0, bool nsfw = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var guild = Guild(guildId);
        var channel = new FakeChannel(state.Snowflakes.Next(), name, type, nsfw);
        var changed = Copy(guild, guild.Id, channels: [.. guild.Channels, channel]);
        state.PutGuild(changed);
        hub.DispatchToGuildSessions("CHANNEL_CREATE", GuildJson.Channel(channel, changed, changed.Channels.Count - 1), guildId);
        return channel;
    }

    /// <summary>A role is created in a guild; members get it through <see cref="AddMember"/> or an interaction's origin.</summary>
    public FakeRole AddRole(ulong guildId, string name, string permissions = "0")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var guild = Guild(guildId);
        var role = new FakeRole(state.Snowflakes.Next(), name, permissions);
        state.PutGuild(Copy(guild, guild.Id, roles: [.. guild.Roles, role]));
        return role;
    }

    /// <summary>A user joins a guild as a member (no gateway event: GUILD_MEMBER_ADD needs the privileged GUILD_MEMBERS intent).</summary>
    public FakeUser AddMember(ulong guildId, string username, string? globalName = null)
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

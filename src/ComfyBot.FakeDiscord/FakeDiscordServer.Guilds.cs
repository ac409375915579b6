namespace ComfyBot.FakeDiscord;

/// <summary>Changing where the bot is while it runs: guilds, channels, roles, members.</summary>
public sealed partial class FakeDiscordServer
{
    /// <summary>
    /// The bot joins a guild (id 0: a new snowflake): it is sent as GUILD_CREATE on the sessions of its shard that
    /// asked for the GUILDS intent, as Discord does when a bot is added to a server. A guild with the same id is
    /// replaced, and sent again.
    /// </summary>
    public FakeGuild AddGuild(FakeGuild guild) => roster.AddGuild(guild);

    /// <summary>
    /// A text channel is created in a guild (CHANNEL_CREATE on its shard's GUILDS sessions); <paramref name="nsfw"/>
    /// makes it age-restricted, which interactions from it then say in <c>channel.nsfw</c>.
    /// </summary>
    public FakeChannel AddChannel(ulong guildId, string name, int type = 0, bool nsfw = false) => roster.AddChannel(guildId, name, type, nsfw);

    /// <summary>A role is created in a guild; members get it through <see cref="AddMember"/> or an interaction's origin.</summary>
    public FakeRole AddRole(ulong guildId, string name, string permissions = "0") => roster.AddRole(guildId, name, permissions);

    /// <summary>A user joins a guild as a member (no gateway event: GUILD_MEMBER_ADD needs the privileged GUILD_MEMBERS intent).</summary>
    public FakeUser AddMember(ulong guildId, string username, string? globalName = null) => roster.AddMember(guildId, username, globalName);
}

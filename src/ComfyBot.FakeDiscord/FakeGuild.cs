namespace ComfyBot.FakeDiscord;

/// <summary>A guild the bot is in: sent as unavailable in READY, then in full as GUILD_CREATE.</summary>
public sealed class FakeGuild
{
    /// <summary>Snowflake.</summary>
    public required ulong Id { get; init; }

    /// <summary>Guild name.</summary>
    public string Name { get; init; } = "Fake Guild";

    /// <summary>Its text channels; interactions default to the first.</summary>
    public IReadOnlyList<FakeChannel> Channels { get; init; } = [];

    /// <summary>Members (besides the bot); interactions default to the first.</summary>
    public IReadOnlyList<FakeUser> Members { get; init; } = [];

    /// <summary>Roles besides @everyone (which has the guild's id).</summary>
    public IReadOnlyList<FakeRole> Roles { get; init; } = [];

    /// <summary>Boost tier; informational, shown in GUILD_CREATE.</summary>
    public int PremiumTier { get; init; }
}

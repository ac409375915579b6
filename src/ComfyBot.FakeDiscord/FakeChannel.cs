namespace ComfyBot.FakeDiscord;

/// <summary>A text channel of a fake guild.</summary>
/// <param name="Id">Snowflake.</param>
/// <param name="Name">Channel name.</param>
/// <param name="Type">Discord channel type; 0 is GUILD_TEXT.</param>
/// <param name="Nsfw">
/// Whether the channel is age-restricted. Sent as <c>nsfw</c> in the channel objects of guilds and interactions, as
/// Discord does for guild channels; threads (types 10-12) carry no such flag in Discord's objects, so none is sent for them.
/// </param>
public sealed record FakeChannel(ulong Id, string Name, int Type = 0, bool Nsfw = false)
{
    /// <summary>Whether Discord's objects for this channel carry an <c>nsfw</c> flag (threads have none).</summary>
    internal bool HasNsfwFlag => Type is not (10 or 11 or 12);
}

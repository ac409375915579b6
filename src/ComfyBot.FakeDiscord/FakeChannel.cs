namespace ComfyBot.FakeDiscord;

/// <summary>A text channel of a fake guild.</summary>
/// <param name="Id">Snowflake.</param>
/// <param name="Name">Channel name.</param>
/// <param name="Type">Discord channel type; 0 is GUILD_TEXT.</param>
public sealed record FakeChannel(ulong Id, string Name, int Type = 0);

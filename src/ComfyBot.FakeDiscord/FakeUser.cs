namespace ComfyBot.FakeDiscord;

/// <summary>A Discord user as the fake knows it (a guild member, or the bot itself).</summary>
/// <param name="Id">Snowflake.</param>
/// <param name="Username">Unique username (lower case, no discriminator).</param>
/// <param name="GlobalName">Display name, if any.</param>
/// <param name="IsBot">Whether this is a bot account.</param>
public sealed record FakeUser(ulong Id, string Username, string? GlobalName = null, bool IsBot = false);

using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Rest;

/// <summary>A user as GET /users/@me returns the bot's own account.</summary>
public sealed record DiscordUser
{
    /// <summary>The user id.</summary>
    [JsonPropertyName("id")]
    public Snowflake Id { get; init; }

    /// <summary>The unique username.</summary>
    [JsonPropertyName("username")]
    public string Username { get; init; } = "";

    /// <summary>The display name, if set.</summary>
    [JsonPropertyName("global_name")]
    public string? GlobalName { get; init; }

    /// <summary>Whether this is a bot account.</summary>
    [JsonPropertyName("bot")]
    public bool IsBot { get; init; }
}

using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Interactions.Wire;

/// <summary>A user object.</summary>
internal sealed class JsonUser
{
    [JsonPropertyName("id")] public Snowflake? Id { get; set; }
    [JsonPropertyName("username")] public string? Username { get; set; }
    [JsonPropertyName("global_name")] public string? GlobalName { get; set; }
    [JsonPropertyName("discriminator")] public string? Discriminator { get; set; }
    [JsonPropertyName("avatar")] public string? Avatar { get; set; }
    [JsonPropertyName("bot")] public bool? Bot { get; set; }
}

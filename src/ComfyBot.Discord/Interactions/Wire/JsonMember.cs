using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Interactions.Wire;

/// <summary>A guild member object (partial inside <c>resolved</c>).</summary>
internal sealed class JsonMember
{
    [JsonPropertyName("user")] public JsonUser? User { get; set; }
    [JsonPropertyName("nick")] public string? Nick { get; set; }
    [JsonPropertyName("roles")] public List<Snowflake>? Roles { get; set; }
    [JsonPropertyName("permissions")] public string? Permissions { get; set; }
    [JsonPropertyName("joined_at")] public DateTimeOffset? JoinedAt { get; set; }
    [JsonPropertyName("avatar")] public string? Avatar { get; set; }
}

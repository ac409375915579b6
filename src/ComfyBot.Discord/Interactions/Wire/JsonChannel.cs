using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Interactions.Wire;

/// <summary>A partial channel object.</summary>
internal sealed class JsonChannel
{
    [JsonPropertyName("id")] public Snowflake? Id { get; set; }
    [JsonPropertyName("type")] public int Type { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("permissions")] public string? Permissions { get; set; }
    [JsonPropertyName("parent_id")] public Snowflake? ParentId { get; set; }
    [JsonPropertyName("guild_id")] public Snowflake? GuildId { get; set; }
}

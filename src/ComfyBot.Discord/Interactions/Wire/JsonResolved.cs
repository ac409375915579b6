using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Interactions.Wire;

/// <summary>The <c>resolved</c> maps, keyed by id strings.</summary>
internal sealed class JsonResolved
{
    [JsonPropertyName("users")] public Dictionary<string, JsonUser>? Users { get; set; }
    [JsonPropertyName("members")] public Dictionary<string, JsonMember>? Members { get; set; }
    [JsonPropertyName("roles")] public Dictionary<string, JsonRole>? Roles { get; set; }
    [JsonPropertyName("channels")] public Dictionary<string, JsonChannel>? Channels { get; set; }
    [JsonPropertyName("attachments")] public Dictionary<string, JsonAttachment>? Attachments { get; set; }
}

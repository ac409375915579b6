using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Interactions.Wire;

/// <summary>The interaction object as it arrives (gateway <c>d</c> or HTTP body).</summary>
internal sealed class JsonInteraction
{
    [JsonPropertyName("id")] public Snowflake? Id { get; set; }
    [JsonPropertyName("application_id")] public Snowflake? ApplicationId { get; set; }
    [JsonPropertyName("type")] public int Type { get; set; }
    [JsonPropertyName("token")] public string? Token { get; set; }
    [JsonPropertyName("version")] public int Version { get; set; } = 1;
    [JsonPropertyName("guild_id")] public Snowflake? GuildId { get; set; }
    [JsonPropertyName("channel_id")] public Snowflake? ChannelId { get; set; }
    [JsonPropertyName("channel")] public JsonChannel? Channel { get; set; }
    [JsonPropertyName("member")] public JsonMember? Member { get; set; }
    [JsonPropertyName("user")] public JsonUser? User { get; set; }
    [JsonPropertyName("locale")] public string? Locale { get; set; }
    [JsonPropertyName("guild_locale")] public string? GuildLocale { get; set; }
    [JsonPropertyName("app_permissions")] public string? AppPermissions { get; set; }
    [JsonPropertyName("attachment_size_limit")] public long? AttachmentSizeLimit { get; set; }
    [JsonPropertyName("context")] public int? Context { get; set; }
    [JsonPropertyName("message")] public JsonMessageStub? Message { get; set; }
    [JsonPropertyName("data")] public JsonInteractionData? Data { get; set; }
}

using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Gateway.Wire;

/// <summary>The parts of READY's <c>d</c> a session keeps.</summary>
internal sealed class JsonReady
{
    [JsonPropertyName("session_id")] public string? SessionId { get; set; }
    [JsonPropertyName("resume_gateway_url")] public string? ResumeGatewayUrl { get; set; }
    [JsonPropertyName("application")] public JsonReadyApplication? Application { get; set; }
    [JsonPropertyName("user")] public JsonReadyUser? User { get; set; }
}

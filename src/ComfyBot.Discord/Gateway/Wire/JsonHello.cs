using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Gateway.Wire;

/// <summary>The <c>d</c> of HELLO (op 10).</summary>
internal sealed class JsonHello
{
    [JsonPropertyName("heartbeat_interval")] public int HeartbeatInterval { get; set; }
}

using System.Text.Json.Serialization;

namespace ComfyBot.Health;

/// <summary>The gateway's part of <c>/healthz</c>; in Http mode there is no gateway and <see cref="Required"/> is false.</summary>
internal sealed record GatewayHealth(
    [property: JsonPropertyName("connected")] bool Connected,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("shards")] IReadOnlyList<string> Shards,
    [property: JsonPropertyName("reconnects")] int Reconnects,
    [property: JsonPropertyName("resumes")] int Resumes);

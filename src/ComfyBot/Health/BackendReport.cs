using System.Text.Json.Serialization;

namespace ComfyBot.Health;

/// <summary>One backend in <c>/healthz</c>.</summary>
internal sealed record BackendReport(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("reachable")] bool Reachable,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("queue")] int Queue,
    [property: JsonPropertyName("since")] DateTimeOffset? Since,
    [property: JsonPropertyName("error")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

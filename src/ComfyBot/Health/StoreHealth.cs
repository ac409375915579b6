using System.Text.Json.Serialization;

namespace ComfyBot.Health;

/// <summary>The job store's part of <c>/healthz</c>.</summary>
internal sealed record StoreHealth(
    [property: JsonPropertyName("writable")] bool Writable,
    [property: JsonPropertyName("error")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

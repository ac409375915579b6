using System.Text.Json.Serialization;

namespace ComfyBot.Health;

/// <summary>The body of <c>/healthz</c>. Holds names and states only: never a token, URL credentials or headers.</summary>
internal sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("gateway")] GatewayHealth Gateway,
    [property: JsonPropertyName("store")] StoreHealth Store,
    [property: JsonPropertyName("backends")] IReadOnlyList<BackendReport> Backends)
{
    public const string Healthy = "healthy";

    public const string Degraded = "degraded";

    public const string Unhealthy = "unhealthy";

    /// <summary>Whether a container orchestrator should keep the bot (200) or restart it (503).</summary>
    [JsonIgnore]
    public bool IsServing => Status != Unhealthy;
}

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

    /// <summary>
    /// Unhealthy when the gateway is required and disconnected, the store is not writable or no backend is
    /// reachable; degraded when some backend is down; healthy otherwise.
    /// </summary>
    public static string StatusOf(GatewayHealth gateway, StoreHealth store, IReadOnlyList<BackendReport> backends)
    {
        var reachable = backends.Count(b => b.Reachable);
        return (gateway.Required && !gateway.Connected) || !store.Writable || reachable == 0
            ? Unhealthy
            : reachable < backends.Count ? Degraded : Healthy;
    }

    /// <summary>Whether a container orchestrator should keep the bot (200) or restart it (503).</summary>
    [JsonIgnore]
    public bool IsServing => Status != Unhealthy;
}

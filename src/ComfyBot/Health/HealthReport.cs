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
    /// When the first check of the GPU servers finished, and how long it took from the start of monitoring; null while
    /// it runs (the bot just started: READY does not wait for it).
    /// </summary>
    [JsonPropertyName("firstCheck")]
    public FirstCheckHealth? FirstCheck { get; init; }

    /// <summary>
    /// Unhealthy when the gateway is required and disconnected, the store is not writable or no backend is
    /// reachable (and none is still to be checked: a bot that just started is not restarted for servers it has not
    /// heard from yet); degraded when some backend is down or not checked yet; healthy otherwise.
    /// </summary>
    public static string StatusOf(GatewayHealth gateway, StoreHealth store, IReadOnlyList<BackendReport> backends)
    {
        var reachable = backends.Count(b => b.Reachable);
        var pending = backends.Count(b => b.State == BackendReport.NotCheckedYet);
        return (gateway.Required && !gateway.Connected) || !store.Writable || (reachable == 0 && pending == 0)
            ? Unhealthy
            : reachable < backends.Count ? Degraded : Healthy;
    }

    /// <summary>Whether a container orchestrator should keep the bot (200) or restart it (503).</summary>
    [JsonIgnore]
    public bool IsServing => Status != Unhealthy;
}

/// <summary>The end of the first check of the GPU servers, in <c>/healthz</c>.</summary>
internal sealed record FirstCheckHealth(
    [property: JsonPropertyName("finishedAt")] DateTimeOffset FinishedAt,
    [property: JsonPropertyName("tookMs")] long TookMs);

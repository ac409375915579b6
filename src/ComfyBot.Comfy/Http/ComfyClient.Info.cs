using System.Text.Json;
using ComfyBot.Comfy.Nodes;
using ComfyBot.Comfy.Resilience;

namespace ComfyBot.Comfy.Http;

/// <summary>GET /system_stats, /object_info, /models/{folder}, /features.</summary>
public sealed partial class ComfyClient
{
    /// <summary>GET /system_stats: versions, RAM and the torch device.</summary>
    public Task<SystemStats> GetSystemStatsAsync(CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ComfyCallKind.Idempotent, HttpMethod.Get, "system_stats", null, async (response, token) =>
        {
            await using var stream = await response.Content.ReadAsStreamAsync(token);
            return await JsonSerializer.DeserializeAsync(stream, ComfyJsonContext.Default.SystemStats, token)
                ?? throw new Events.ComfyProtocolException("GET /system_stats answered null.");
        }, cancellationToken);

    /// <summary>GET /object_info: every node class the server offers.</summary>
    public Task<NodeCatalog> GetObjectInfoAsync(CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ComfyCallKind.Idempotent, HttpMethod.Get, "object_info", null, ReadCatalogAsync, cancellationToken);

    /// <summary>GET /object_info/{class}: one node class (an empty catalogue when the server does not know it).</summary>
    public Task<NodeCatalog> GetObjectInfoAsync(string classType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(classType);
        return _transport.SendAsync(ComfyCallKind.Idempotent, HttpMethod.Get, $"object_info/{Uri.EscapeDataString(classType)}", null, ReadCatalogAsync, cancellationToken);
    }

    /// <summary>GET /models/{folder}: model files in a folder such as <c>checkpoints</c> or <c>loras</c>.</summary>
    /// <exception cref="ComfyHttpException">404 when the server has no such folder.</exception>
    public Task<IReadOnlyList<string>> GetModelsAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        return _transport.SendAsync<IReadOnlyList<string>>(ComfyCallKind.Idempotent, HttpMethod.Get, $"models/{Uri.EscapeDataString(folder)}", null, async (response, token) =>
        {
            await using var stream = await response.Content.ReadAsStreamAsync(token);
            return await JsonSerializer.DeserializeAsync(stream, ComfyJsonContext.Default.ListString, token) ?? [];
        }, cancellationToken);
    }

    /// <summary>GET /features: the server's feature flags (servers before 0.3.45 answer 404).</summary>
    public Task<ServerFeatures> GetFeaturesAsync(CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ComfyCallKind.Idempotent, HttpMethod.Get, "features", null, async (response, token) =>
        {
            using var document = await ComfyHttpTransport.ReadJsonAsync(response, token);
            var root = document.RootElement;
            var previews = root.TryGetProperty("supports_preview_metadata", out var p) && p.ValueKind == JsonValueKind.True;
            long? max = root.TryGetProperty("max_upload_size", out var m) && m.ValueKind == JsonValueKind.Number ? (long)m.GetDouble() : null;
            return new ServerFeatures(previews, max);
        }, cancellationToken);

    private static async Task<NodeCatalog> ReadCatalogAsync(HttpResponseMessage response, CancellationToken token)
    {
        using var document = await ComfyHttpTransport.ReadJsonAsync(response, token);
        return NodeCatalog.Parse(document.RootElement.Clone());
    }
}

using System.Net;
using ComfyBot.Comfy.Http;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Backends;

/// <summary>One health check of one backend: stats, queue and, when due, the catalogue.</summary>
internal sealed class BackendProbe(BackendMonitorOptions options, TimeProvider time, ILogger logger)
{
    public async Task<BackendHealth> CheckAsync(Backend backend, CancellationToken cancellationToken)
    {
        var previous = backend.Health;
        var client = backend.ProbeClient;
        try
        {
            var stats = await client.GetSystemStatsAsync(cancellationToken);
            var queue = await client.GetQueueAsync(cancellationToken);
            string? catalogueError = null;
            if (CatalogueDue(backend, previous))
            {
                catalogueError = await RefreshCatalogueAsync(backend, cancellationToken);
            }

            var now = time.GetUtcNow();
            var device = stats.Devices.Count > 0 ? stats.Devices[0] : null;
            var catalogue = backend.Catalogue;
            return new BackendHealth(
                BackendState.Up,
                now,
                previous.State == BackendState.Up ? previous.Since : now,
                catalogueError,
                device?.Name,
                device?.VramTotal ?? 0,
                device?.VramFree ?? 0,
                queue.Running.Count,
                queue.Pending.Count,
                backend.CountForeignAhead(queue),
                catalogue?.Version ?? 0,
                catalogue?.Nodes.Count ?? 0);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();

            // The GPU figures and catalogue stay as last seen: admins want to know what went away.
            return previous with
            {
                State = BackendState.Down,
                CheckedAt = now,
                Since = previous.State == BackendState.Down ? previous.Since : now,
                Error = ex.Message,
                QueueRunning = 0,
                QueuePending = 0,
                ForeignQueued = 0,
            };
        }
    }

    private bool CatalogueDue(Backend backend, BackendHealth previous) =>
        backend.Catalogue is not { } catalogue
        || previous.State != BackendState.Up
        || previous.Error is not null
        || backend.RereadWanted
        || time.GetUtcNow() - catalogue.FetchedAt >= options.CatalogueRefreshInterval;

    private async Task<string?> RefreshCatalogueAsync(Backend backend, CancellationToken cancellationToken)
    {
        try
        {
            // The catalogue can run to megabytes on a server with many custom nodes: it gets the full client's
            // timeout and retries rather than the short health-check budget.
            var nodes = await backend.Client.GetObjectInfoAsync(cancellationToken);
            var models = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var folder in options.ModelFolders)
            {
                try
                {
                    models[folder] = await backend.Client.GetModelsAsync(folder, cancellationToken);
                }
                catch (ComfyHttpException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
                {
                    // Older servers or ones without that folder: templates using it are judged by the catalogue alone.
                }
            }

            var catalogue = backend.SetCatalogue(nodes, models);
            logger.LogInformation(
                "Backend {Backend}: catalogue v{Version} with {Classes} node classes and {Files} model files.",
                backend.Name, catalogue.Version, nodes.Count, models.Values.Sum(m => m.Count));
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Backend {Backend}: could not read its catalogue.", backend.Name);
            return $"{Backend.CatalogueUnread}: {ex.Message}";
        }
    }
}

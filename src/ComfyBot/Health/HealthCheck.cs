using System.Globalization;
using ComfyBot.Core.Backends;
using ComfyBot.Discord.Gateway;
using ComfyBot.Hosting;
using ComfyBot.Logging;
using ComfyBot.Telemetry;

namespace ComfyBot.Health;

/// <summary>
/// What <c>/healthz</c> reports: unhealthy (503) when the gateway is disconnected in Gateway mode, the store is not
/// writable or no backend is reachable; degraded (still 200) when some backend is down; healthy otherwise.
/// </summary>
internal sealed class HealthCheck(BotRuntime runtime, LogScrubber scrubber, GatewayClient? gateway = null)
{
    public HealthReport Check()
    {
        var gatewayHealth = GatewayPart();
        var store = StorePart();
        IReadOnlyList<BackendReport> backends = runtime.IsStarted ? [.. runtime.Monitor.Backends.Select(BackendPart)] : [];
        return new HealthReport(HealthReport.StatusOf(gatewayHealth, store, backends), gatewayHealth, store, backends);
    }

    private GatewayHealth GatewayPart()
    {
        if (gateway is null)
        {
            return new GatewayHealth(Connected: false, Required: false, [], 0, 0);
        }

        var shards = gateway.Sessions.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.ShardId}:{s.State.ToString().ToLowerInvariant()}")).ToList();
        return new GatewayHealth(
            BotMetrics.Connected(gateway),
            Required: true,
            shards,
            gateway.Sessions.Sum(s => s.ReconnectCount),
            gateway.Sessions.Sum(s => s.ResumeCount));
    }

    private StoreHealth StorePart()
    {
        if (!runtime.IsStarted)
        {
            return new StoreHealth(false, "the bot has not started (or has stopped)");
        }

        var path = runtime.Store.Path;
        try
        {
            // SQLite needs the file and its folder (for the -wal and -shm files) writable; test both for real.
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
            {
            }

            var probe = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", $".healthz-{Environment.ProcessId}.tmp");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return new StoreHealth(true, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new StoreHealth(false, scrubber.Scrub(e.Message));
        }
    }

    private BackendReport BackendPart(Backend backend)
    {
        var health = backend.Health;
        return new BackendReport(
            backend.Name,
            health.IsUp,
            health.State.ToString().ToLowerInvariant(),
            health.QueueLength,
            health.Since,
            health.Error is { } error ? scrubber.Scrub(error) : null);
    }
}

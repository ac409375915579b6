using System.Globalization;
using ComfyBot.Core.Backends;
using ComfyBot.Discord.Gateway;
using ComfyBot.Hosting;
using ComfyBot.Logging;
using ComfyBot.Telemetry;

namespace ComfyBot.Health;

/// <summary>
/// What <c>/healthz</c> reports: unhealthy (503) when the gateway is disconnected in Gateway mode, the store is not
/// writable or no backend is reachable (none still to be checked); degraded (still 200) when some backend is down or
/// not checked yet; healthy otherwise. It says when the first check of the servers finished (null while it runs).
/// </summary>
internal sealed class HealthCheck(BotStartup startup, LogScrubber scrubber, GatewayClient? gateway = null)
{
    // One SQLite page, the least a job's write needs; random, so a compressing file system cannot store it in nothing.
    private static readonly byte[] ProbeData = RandomPage();

    public HealthReport Check()
    {
        var gatewayHealth = GatewayPart();
        var store = StorePart();
        IReadOnlyList<BackendReport> backends = startup.Core is { } core ? [.. core.Monitor.Backends.Select(BackendPart)] : [];
        return new HealthReport(HealthReport.StatusOf(gatewayHealth, store, backends), gatewayHealth, store, backends)
        {
            FirstCheck = FirstCheckPart(),
        };
    }

    /// <summary>When the first check of the GPU servers ended; null while it runs (or before start).</summary>
    private FirstCheckHealth? FirstCheckPart()
    {
        if (startup.Core?.Monitor is not { } monitor || !monitor.FirstCheck.IsCompletedSuccessfully || monitor.FirstCheckTook is not { } took)
        {
            return null;
        }

        return new FirstCheckHealth(monitor.FirstCheck.Result, (long)took.TotalMilliseconds);
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
        if (startup.Core is not { } core)
        {
            return new StoreHealth(false, "the bot has not started (or has stopped)");
        }

        var path = core.Store.Path;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        try
        {
            // SQLite needs the file and its folder (for the -wal and -shm files) writable; test both for real.
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
            {
            }

            WriteProbe(Path.Combine(folder, $".healthz-{Environment.ProcessId}.tmp"));
            return new StoreHealth(true, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new StoreHealth(false, scrubber.Scrub(
                $"cannot write to the job store {path} ({e.Message.Trim()}): free space on its disk, or make its folder {folder} writable for the bot's user"));
        }
    }

    /// <summary>
    /// Writes a page of data and forces it to the disk: creating an empty file succeeds on a full disk (it needs no
    /// data block), so only a real write tells whether the store could save a job.
    /// </summary>
    private static void WriteProbe(string probe)
    {
        var written = false;
        try
        {
            using (var file = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                file.Write(ProbeData);
                file.Flush(flushToDisk: true);
            }

            written = true;
        }
        finally
        {
            try
            {
                File.Delete(probe);
            }
            catch (Exception e) when (!written && e is IOException or UnauthorizedAccessException)
            {
                // The failed write is the answer; a failed clean-up after it would only hide why.
            }
        }
    }

    private static byte[] RandomPage()
    {
        var page = new byte[4096];
        Random.Shared.NextBytes(page);
        return page;
    }

    /// <summary>
    /// The error with the backend's address put as its name: /healthz may be reachable by more than the operator, and
    /// where the GPU servers live is not theirs to learn (the log keeps the full text).
    /// </summary>
    internal static string WithoutAddress(string error, Backend backend)
    {
        var address = backend.Address;
        string[] forms = [address.ToString(), address.GetLeftPart(UriPartial.Path).TrimEnd('/'), address.GetLeftPart(UriPartial.Authority), address.Authority, $"{address.Host}:{address.Port}", address.Host];
        foreach (var form in forms.Where(f => f.Length > 0).Distinct().OrderByDescending(f => f.Length))
        {
            error = error.Replace(form, $"<{backend.Name}>", StringComparison.OrdinalIgnoreCase);
        }

        return error;
    }

    private BackendReport BackendPart(Backend backend)
    {
        var health = backend.Health;
        return new BackendReport(
            backend.Name,
            health.IsUp,
            health.IsNotCheckedYet ? BackendReport.NotCheckedYet : health.State.ToString().ToLowerInvariant(),
            health.QueueLength,
            health.Since,
            health.Error is { } error ? scrubber.Scrub(WithoutAddress(error, backend)) : null);
    }
}

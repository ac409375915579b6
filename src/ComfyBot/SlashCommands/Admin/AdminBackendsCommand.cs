using System.Globalization;
using System.Text;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;
using ComfyBot.Core.Workflows;
using ComfyBot.Hosting;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>
/// /comfy-admin backends: per GPU server, whether the last check reached it (and why not), its ComfyUI queue, the
/// bot's jobs on it against MaxInFlight, GPU and VRAM from /system_stats, and jobs done with their mean time over
/// the last hour. Reads the monitor's last poll, so it answers at once.
/// </summary>
internal sealed class AdminBackendsCommand(AdminAccess access, AuditLog audit, BackendMonitor monitor, JobService jobs, WorkflowCatalog catalog) : AdminCommand(access, audit)
{
    protected override string Subcommand => "backends";

    protected override Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        return invocation.TellAsync(Describe(monitor.Backends, jobs.ListQueue(), invocation.Time.GetUtcNow(), catalog), cancellationToken);
    }

    /// <summary>The answer text, one block per backend.</summary>
    public static string Describe(IReadOnlyList<Backend> backends, IReadOnlyList<QueueEntry> queue, DateTimeOffset now, WorkflowCatalog? templates = null)
    {
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(queue);
        if (backends.Count == 0)
        {
            return "No GPU servers are configured: add one under ComfyBot:Backends (Name and Url) and restart the bot.";
        }

        var text = new StringBuilder();
        foreach (var backend in backends)
        {
            var ours = queue.Count(e => e.Position is null && string.Equals(e.Job.Backend, backend.Name, StringComparison.Ordinal));
            text.Append(Block(backend.Name, backend.Health, backend.Throughput, ours, backend.MaxInFlight, now)).Append('\n');
            if (templates is not null)
            {
                text.Append(Templates(TemplateReach.On(backend, templates))).Append('\n');
            }
        }

        var waiting = queue.Count(e => e.Position is not null);
        text.Append(CultureInfo.InvariantCulture, $"{waiting} {(waiting == 1 ? "job waits" : "jobs wait")} in the bot's own queue.");
        return text.ToString();
    }

    /// <summary>One backend's block.</summary>
    public static string Block(string name, BackendHealth health, BackendThroughput throughput, int ours, int maxInFlight, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(health);
        var text = new StringBuilder();
        var state = health.State switch
        {
            BackendState.Up => "🟢 reachable",
            BackendState.Down => $"🔴 unreachable{(health.Error is null ? string.Empty : $": {health.Error}")}",
            _ => "⚪ not checked yet",
        };
        var checkedAt = health.CheckedAt is { } at ? $" (checked {QueueText.Age(now - at)} ago)" : string.Empty;
        text.Append(CultureInfo.InvariantCulture, $"**{name}** {state}{checkedAt}\n");
        if (health.State != BackendState.NotCheckedYet)
        {
            text.Append(CultureInfo.InvariantCulture, $"  queue: {health.QueueRunning} running, {health.QueuePending} pending ({health.ForeignQueued} not the bot's) · bot jobs on it: {ours}/{maxInFlight}\n");
        }

        if (health.GpuName is not null || health.VramTotal > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  GPU: {health.GpuName ?? "unknown"} · VRAM {Gib(health.VramFree)} free of {Gib(health.VramTotal)}\n");
        }

        var mean = throughput.MeanDurationLastHour is { } m ? string.Create(CultureInfo.InvariantCulture, $", mean {m.TotalSeconds:0.0}s") : string.Empty;
        text.Append(CultureInfo.InvariantCulture, $"  last hour: {throughput.JobsLastHour} done{mean} · {throughput.JobsDone} done since start");
        return text.ToString();
    }

    /// <summary>The templates a server can run, and those it cannot (check-config says why).</summary>
    public static string Templates((IReadOnlyList<string> Runs, IReadOnlyList<string> Cannot) reach)
    {
        if (reach.Runs.Count == 0 && reach.Cannot.Count == 0)
        {
            return "  templates: not known yet (its node list has not been read)";
        }

        var runs = reach.Runs.Count == 0 ? "none" : string.Join(", ", reach.Runs);
        var cannot = reach.Cannot.Count == 0 ? string.Empty : $" · cannot run: {string.Join(", ", reach.Cannot)} (`comfybot check-config` says why)";
        return $"  templates: {runs}{cannot}";
    }

    private static string Gib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.0} GiB");
}

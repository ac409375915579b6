using System.Diagnostics.Metrics;
using ComfyBot.Comfy.Http;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;
using ComfyBot.Core.Workflows;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Hosting;

/// <summary>
/// Core's asynchronous start: it opens the job store (migrations, WAL), reads the bans, makes the backends and starts
/// monitoring them (their first check runs in the background: see <see cref="BackendMonitor.FirstCheck"/>), starts the <see cref="JobService"/> (which reloads and reconciles unfinished jobs)
/// and the store's retention sweep; disposing stops them in reverse order (retention, jobs, backends, store). What it
/// made is <see cref="Core"/>. The host runs it from its one start-up service, between what is the host's (templates,
/// the store's lock) and what needs the Core (commands, the gateway).
/// </summary>
public sealed class CoreStartup : IAsyncDisposable
{
    private readonly ComfyBotCoreOptions _options;
    private readonly ComfyClientFactory _clients;
    private readonly IJobViewFactory _views;
    private readonly ChatTargets _targets;
    private readonly IMeterFactory _meters;
    private readonly JobTelemetry _telemetry;
    private State? _state;

    /// <summary>Creates the start-up; nothing runs until <see cref="StartAsync"/>.</summary>
    public CoreStartup(ComfyBotCoreOptions options, ComfyClientFactory clients, IJobViewFactory views, ChatTargets targets, IMeterFactory meters, JobTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(telemetry);
        _telemetry = telemetry;
        _options = options;
        _clients = clients;
        _views = views;
        _targets = targets;
        _meters = meters;
    }

    /// <summary>What start-up made; null before it finished and after stop.</summary>
    public BotCore? Core => Volatile.Read(ref _state)?.Core;

    /// <summary>Opens the store and starts the backends' monitor, the job service and retention over <paramref name="catalog"/>.</summary>
    /// <exception cref="InvalidOperationException">It was started already.</exception>
    public async Task<BotCore> StartAsync(WorkflowCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (_state is not null)
        {
            throw new InvalidOperationException("Core was started already; start it once and dispose it to stop.");
        }

        var time = _clients.Time;
        var loggers = _clients.Loggers;
        var store = await JobStore.OpenAsync(_options.Store, time, cancellationToken);
        _targets.Open(store);
        var backends = new List<Backend>();
        BackendMonitor? monitor = null;
        try
        {
            var tables = StoreTables.Over(store.Database);
            var bans = new BanList(tables.Bans);
            await bans.LoadAsync(cancellationToken);
            foreach (var backend in _options.Backends)
            {
                backends.Add(new Backend(backend, _options.Instance, _clients));
            }

            monitor = new BackendMonitor(backends, _options.BackendMonitor, time, loggers.CreateLogger<BackendMonitor>());

            // The first check runs in the background (issue 15): READY must not wait for the slowest server's
            // /object_info, which takes seconds on a ComfyUI with many custom nodes. Until a server answers it is
            // NotCheckedYet, and what reads its catalogue waits for it (BackendMonitor.WhenDecidableAsync) instead of judging.
            monitor.Start();
            var policy = new JobPolicy(_options.Policy, time, bans.Contains);
            var filter = new PromptFilter(_options.Moderation, tables.PromptFilters);
            await filter.LoadAsync(cancellationToken);
            var moderation = new ModerationGate(filter, new ChannelRules(_options.Moderation, catalog), catalog, tables.Audit, loggers.CreateLogger<ModerationGate>());
            var jobs = new JobService(store, monitor, policy, catalog, _views.Create, _options.Jobs, time, loggers, _meters, _telemetry, tables)
            {
                Moderation = moderation,
            };
            var retention = new JobRetention(tables.Purge, _options.Store.KeepFinishedFor, time, loggers.CreateLogger<JobRetention>());
            _state = new State(retention, backends, new BotCore(store, monitor, jobs, policy, bans, catalog) { Moderation = moderation, Tables = tables });
            await jobs.StartAsync(cancellationToken);
            retention.Start();
            return _state.Core;
        }
        catch
        {
            // Once the state exists, disposing it releases everything; before, only what was made so far.
            if (_state is not null)
            {
                await DisposeAsync();
            }
            else
            {
                await DisposeBackendsAsync(monitor, backends);
                _targets.Close();
                store.Dispose();
            }

            throw;
        }
    }

    /// <summary>Stops retention, the job service and the backends, and closes the store (unfinished jobs stay in it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, null) is not { } state)
        {
            return;
        }

        await state.Retention.DisposeAsync();
        await state.Core.Jobs.DisposeAsync();
        await DisposeBackendsAsync(state.Core.Monitor, state.Backends);
        _targets.Close();
        state.Core.Store.Dispose();
    }

    private static async Task DisposeBackendsAsync(BackendMonitor? monitor, IReadOnlyList<Backend> backends)
    {
        if (monitor is not null)
        {
            await monitor.DisposeAsync();
        }

        foreach (var backend in backends)
        {
            await backend.DisposeAsync();
        }
    }

    private sealed record State(JobRetention Retention, IReadOnlyList<Backend> Backends, BotCore Core);
}

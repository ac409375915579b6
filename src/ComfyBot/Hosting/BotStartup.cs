using System.Diagnostics.Metrics;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;
using ComfyBot.Core.Workflows;
using ComfyBot.Discord.Rest;
using ComfyBot.Replies;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Hosting;

/// <summary>
/// The bot's asynchronous start-up, one hosted service registered before the gateway: it loads the templates, takes
/// the store's lock (one bot per store) and opens the job store (migrations, WAL), reads the bans, checks the
/// backends once and keeps monitoring them, starts the <see cref="JobService"/> (which reloads and reconciles
/// unfinished jobs) and the store's retention sweep; on stop it disposes them in reverse order (retention, jobs,
/// backends, store, lock). What it made is <see cref="Core"/>, which DI hands to the handlers
/// (<see cref="CoreServiceCollectionExtensions.AddBotCore"/>): they take what they use through their constructors.
/// </summary>
internal sealed partial class BotStartup(
    BotOptions options,
    DiscordRestClient rest,
    TimeProvider time,
    ILoggerFactory loggers,
    IMeterFactory meters) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<BotStartup>();
    private State? _state;

    // Kept apart from _state: replies still settling while the job service stops must persist their targets.
    private JobStore? _targets;

    /// <summary>What start-up made; null before it finished and after stop (health and metrics report "not started").</summary>
    public BotCore? Core => _state?.Core;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var templates = await TemplateLoader.LoadAsync(options.Templates, cancellationToken);
        var storeLock = StoreLock.Take(options.Store.Path);
        JobStore store;
        try
        {
            store = await JobStore.OpenAsync(options.Store, time, cancellationToken);
        }
        catch
        {
            storeLock.Dispose();
            throw;
        }

        _targets = store;
        var backends = new List<Backend>();
        BackendMonitor? monitor = null;
        try
        {
            var bans = new BanList(store);
            await bans.LoadAsync(cancellationToken);
            foreach (var backend in options.Backends)
            {
                backends.Add(new Backend(backend, options.Instance, time, loggers));
            }

            monitor = new BackendMonitor(backends, options.BackendMonitor, time, loggers.CreateLogger<BackendMonitor>());
            await monitor.PollOnceAsync(cancellationToken);
            foreach (var definition in templates.All)
            {
                if (TemplateReach.RunsNowhere(backends, definition.Template) is { } problems)
                {
                    LogRunsNowhere(_logger, definition.Name, string.Join("; ", problems));
                }
            }

            monitor.Start();
            var policy = new JobPolicy(options.Policy, time, bans.Contains);
            var filter = new PromptFilter(options.Moderation, store);
            await filter.LoadAsync(cancellationToken);
            var moderation = new ModerationGate(filter, new ChannelRules(options.Moderation, templates), templates, store, loggers.CreateLogger<ModerationGate>());
            var views = new JobViewFactory(rest, time, options.Reply, SaveChatTargetAsync, loggers.CreateLogger<JobViewFactory>());
            var jobs = new JobService(
                store,
                monitor,
                policy,
                templates,
                views.Create,
                options.EffectiveJobs(),
                time,
                loggers,
                meters)
            {
                Moderation = moderation,
            };
            var retention = new JobRetention(store, options.Store.KeepFinishedFor, time, loggers.CreateLogger<JobRetention>());
            _state = new State(storeLock, retention, backends, new BotCore(store, monitor, jobs, policy, bans, templates) { Moderation = moderation });
            await jobs.StartAsync(cancellationToken);
            retention.Start();
            LogStarted(_logger, backends.Count, templates.All.Count, store.Path);
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
                _targets = null;
                store.Dispose();
                storeLock.Dispose();
            }

            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, null) is not { } state)
        {
            return;
        }

        await state.Retention.DisposeAsync();
        await state.Core.Jobs.DisposeAsync();
        await DisposeBackendsAsync(state.Core.Monitor, state.Backends);
        _targets = null;
        state.Core.Store.Dispose();
        state.Lock.Dispose();
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

    private Task SaveChatTargetAsync(long jobId, string json, CancellationToken cancellationToken) =>
        Volatile.Read(ref _targets) is { } store ? store.SaveChatTargetAsync(jobId, json, cancellationToken) : Task.CompletedTask;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Template {Template} can run on none of the GPU servers, so it is not offered and /imagine refuses it: {Problems}. Fix the template or install what it needs (comfybot check-config lists every problem).")]
    private static partial void LogRunsNowhere(ILogger logger, string template, string problems);

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "ComfyBot started: {Backends} backends, {Templates} templates, job store {Path}.")]
    private static partial void LogStarted(ILogger logger, int backends, int templates, string path);

    private sealed record State(StoreLock Lock, JobRetention Retention, IReadOnlyList<Backend> Backends, BotCore Core);
}

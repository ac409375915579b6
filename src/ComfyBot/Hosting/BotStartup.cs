using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Hosting;

/// <summary>
/// The bot's asynchronous start-up, one hosted service registered before the gateway: it loads the templates, takes
/// the store's lock (one bot per store), then runs Core's start (<see cref="CoreStartup"/>: store and migrations, bans,
/// the backends' monitor, whose first check runs in the background, the job service and retention) and, once that first
/// check has answered, warns about templates no server can run; on stop it
/// stops the Core and releases the lock. What Core made is <see cref="Core"/>, which DI hands to the handlers
/// (<see cref="CoreServiceCollectionExtensions.AddComfyBotCore"/>): they take what they use through their constructors.
/// </summary>
internal sealed partial class BotStartup(BotOptions options, CoreStartup core, ILogger<BotStartup> logger) : IHostedService, IAsyncDisposable
{
    private StoreLock? _lock;

    /// <summary>What start-up made; null before it finished and after stop (health and metrics report "not started").</summary>
    public BotCore? Core => core.Core;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var templates = await TemplateLoader.LoadAsync(options.Templates, cancellationToken);
        var storeLock = StoreLock.Take(options.Store.Path);
        BotCore started;
        try
        {
            started = await core.StartAsync(templates, cancellationToken);
        }
        catch
        {
            storeLock.Dispose();
            throw;
        }

        _lock = storeLock;
        LogStarted(logger, started.Monitor.Backends.Count, templates.All.Count, started.Store.Path);

        // The warnings read the servers' catalogues, which the first check (in the background, so READY does not wait
        // for it) brings: before it they would warn of templates a server not checked yet runs.
        _ = WarnAfterFirstCheckAsync(started, templates);

        // In the background too: under the JIT the first job on a server paid 33-250 ms for compiling the client's
        // path (submit, events, tracker, history, download); this plays one job in memory first, nothing on the network.
        _ = WarmUpClientAsync();
    }

    private async Task WarmUpClientAsync()
    {
        try
        {
            await JobTracker.WarmUpAsync();
        }
        catch (Exception exception)
        {
            LogWarmUpFailed(logger, exception);
        }
    }

    /// <summary>Once every server answered its first check, warns of each template none of them can run.</summary>
    private async Task WarnAfterFirstCheckAsync(BotCore started, Core.Workflows.WorkflowCatalog templates)
    {
        try
        {
            await started.Monitor.FirstCheck;
        }
        catch (OperationCanceledException)
        {
            // Stopped before the first check ended: nothing was judged, so nothing to warn of.
            return;
        }

        foreach (var definition in templates.All)
        {
            if (TemplateReach.RunsNowhere(started.Monitor.Backends, definition.Template) is { } problems)
            {
                LogRunsNowhere(logger, definition.Name, string.Join("; ", problems));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        await core.DisposeAsync();
        Interlocked.Exchange(ref _lock, null)?.Dispose();
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Template {Template} can run on none of the GPU servers, so it is not offered and /imagine refuses it: {Problems}. Fix the template or install what it needs (comfybot check-config lists every problem).")]
    private static partial void LogRunsNowhere(ILogger logger, string template, string problems);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "The ComfyUI client's warm-up (one job played in memory at start) failed; jobs are not affected, the first one only pays for the client's first use. Please report this.")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "ComfyBot started: {Backends} backends, {Templates} templates, job store {Path}. The first check of the GPU servers runs in the background (its end is logged and shown in /healthz); templates none can run are warned of after it.")]
    private static partial void LogStarted(ILogger logger, int backends, int templates, string path);
}

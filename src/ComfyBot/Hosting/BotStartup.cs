using ComfyBot.Core.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Hosting;

/// <summary>
/// The bot's asynchronous start-up, one hosted service registered before the gateway: it loads the templates, takes
/// the store's lock (one bot per store), then runs Core's start (<see cref="CoreStartup"/>: store and migrations, bans,
/// the first backend probe, the job service and retention) and warns about templates no server can run; on stop it
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
        foreach (var definition in templates.All)
        {
            if (TemplateReach.RunsNowhere(started.Monitor.Backends, definition.Template) is { } problems)
            {
                LogRunsNowhere(logger, definition.Name, string.Join("; ", problems));
            }
        }

        LogStarted(logger, started.Monitor.Backends.Count, templates.All.Count, started.Store.Path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        await core.DisposeAsync();
        Interlocked.Exchange(ref _lock, null)?.Dispose();
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Template {Template} can run on none of the GPU servers, so it is not offered and /imagine refuses it: {Problems}. Fix the template or install what it needs (comfybot check-config lists every problem).")]
    private static partial void LogRunsNowhere(ILogger logger, string template, string problems);

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "ComfyBot started: {Backends} backends, {Templates} templates, job store {Path}.")]
    private static partial void LogStarted(ILogger logger, int backends, int templates, string path);
}

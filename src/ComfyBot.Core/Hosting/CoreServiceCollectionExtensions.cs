using ComfyBot.Comfy;
using ComfyBot.Core.Store;
using Microsoft.Extensions.DependencyInjection;

namespace ComfyBot.Core.Hosting;

/// <summary>Registers ComfyBot's Core: its start-up, and each object the start-up makes as a service.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CoreStartup"/>, the ComfyUI clients it makes backends with, and the <see cref="BotCore"/>
    /// objects (job store and its other tables, backend monitor, job service, policy, bans, workflow catalog) as singletons, with the
    /// bot's own <see cref="Running.JobTelemetry"/>. Needs a
    /// <see cref="TimeProvider"/>, logging, metrics and an <see cref="Progress.IJobViewFactory"/> from the host, and
    /// the host calls <see cref="CoreStartup.StartAsync"/> from its start-up: the objects exist only after it ran
    /// (the store opens and the first backend probe answers asynchronously), so the services that take them must be
    /// resolved after the host started.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="options">Core's settings, read from the host's own (validated) configuration.</param>
    public static IServiceCollection AddComfyBotCore(this IServiceCollection services, Func<IServiceProvider, ComfyBotCoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddComfyClients();
        services.AddSingleton<ChatTargets>();

        // This bot's job spans, from a source of its own: the host tells them from another bot's in the process by it.
        services.AddSingleton<Running.JobTelemetry>();
        services.AddSingleton(p => new CoreStartup(
            options(p),
            p.GetRequiredService<Comfy.Http.ComfyClientFactory>(),
            p.GetRequiredService<Progress.IJobViewFactory>(),
            p.GetRequiredService<ChatTargets>(),
            p.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            p.GetRequiredService<Running.JobTelemetry>()));
        services.AddSingleton(p => Started(p).Store);
        services.AddSingleton(p => Started(p).Monitor);
        services.AddSingleton(p => Started(p).Jobs);
        services.AddSingleton(p => Started(p).Policy);
        services.AddSingleton(p => Started(p).Bans);
        services.AddSingleton(p => Started(p).Catalog);
        services.AddSingleton(p => Started(p).Moderation);
        services.AddSingleton(p => Started(p).Moderation.Filter);
        services.AddSingleton(p => Started(p).Moderation.Channels);

        // The store's tables beside the jobs, one service each over the job store's file.
        services.AddSingleton(p => Started(p).Tables.Audit);
        services.AddSingleton(p => Started(p).Tables.Bans);
        services.AddSingleton(p => Started(p).Tables.PromptFilters);
        services.AddSingleton(p => Started(p).Tables.Settings);
        services.AddSingleton(p => Started(p).Tables.Usage);
        services.AddSingleton(p => Started(p).Tables.Images);
        return services;
    }

    private static BotCore Started(IServiceProvider services) =>
        services.GetRequiredService<CoreStartup>().Core
        ?? throw new InvalidOperationException("The bot's Core (store, backends, jobs) is made by its start-up: resolve a service that needs it after the host started.");
}

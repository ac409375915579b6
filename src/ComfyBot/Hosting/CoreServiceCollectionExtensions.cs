using ComfyBot.Core.Backends;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;
using ComfyBot.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace ComfyBot.Hosting;

/// <summary>Registers the bot's Core: its start-up as a hosted service, and each Core object it makes as a service.</summary>
internal static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="BotStartup"/> as a hosted service (register it before the gateway and the interactions
    /// endpoint: registration order is start order) and the <see cref="BotCore"/> objects as singletons. They exist
    /// only once start-up ran (the store opens and the templates load asynchronously), so the services that take
    /// them are resolved after the host started: the interaction handlers are, by the gateway's start or the first
    /// HTTP interaction.
    /// </summary>
    public static IServiceCollection AddBotCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<BotStartup>();
        services.AddHostedService(p => p.GetRequiredService<BotStartup>());
        services.AddSingleton(p => Started(p).Store);
        services.AddSingleton(p => Started(p).Monitor);
        services.AddSingleton(p => Started(p).Jobs);
        services.AddSingleton(p => Started(p).Policy);
        services.AddSingleton(p => Started(p).Bans);
        services.AddSingleton(p => Started(p).Catalog);
        services.AddSingleton(p => Started(p).Moderation);
        services.AddSingleton(p => Started(p).Moderation.Filter);
        services.AddSingleton(p => Started(p).Moderation.Channels);
        return services;
    }

    private static BotCore Started(IServiceProvider services) =>
        services.GetRequiredService<BotStartup>().Core
        ?? throw new InvalidOperationException("The bot's Core (store, backends, jobs) is made by its start-up: resolve a service that needs it after the host started.");
}

using ComfyBot.Core.Hosting;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Store;
using ComfyBot.Discord.Rest;
using ComfyBot.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Hosting;

/// <summary>Registers the bot's start-up: Core with the host's settings and replies, and the one hosted service that starts it.</summary>
internal static class StartupServiceCollectionExtensions
{
    /// <summary>
    /// Adds Core (<see cref="CoreServiceCollectionExtensions.AddComfyBotCore"/>) over the bound <see cref="BotOptions"/>,
    /// the Discord replies its jobs show in (<see cref="JobViewFactory"/>), and <see cref="BotStartup"/> as a hosted
    /// service: register it before the gateway and the interactions endpoint (registration order is start order).
    /// </summary>
    public static IServiceCollection AddBotStartup(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddComfyBotCore(p => CoreOptions(p.GetRequiredService<BotOptions>()));
        services.AddSingleton<IJobViewFactory>(p => new JobViewFactory(
            p.GetRequiredService<DiscordRestClient>(),
            p.GetRequiredService<TimeProvider>(),
            p.GetRequiredService<BotOptions>().Reply,
            p.GetRequiredService<ChatTargets>().SaveAsync,
            p.GetRequiredService<ILogger<JobViewFactory>>()));
        services.AddSingleton<BotStartup>();
        services.AddHostedService(p => p.GetRequiredService<BotStartup>());
        return services;
    }

    private static ComfyBotCoreOptions CoreOptions(BotOptions options) => new()
    {
        Instance = options.Instance,
        Backends = options.Backends,
        BackendMonitor = options.BackendMonitor,
        Policy = options.Policy,
        Jobs = options.EffectiveJobs(),
        Store = options.Store,
        Moderation = options.Moderation,
    };
}

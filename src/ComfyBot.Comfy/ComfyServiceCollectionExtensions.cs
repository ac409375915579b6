using ComfyBot.Comfy.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Comfy;

/// <summary>Registers the ComfyUI client.</summary>
public static class ComfyServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="ComfyClientFactory"/> (once), on the application's <see cref="TimeProvider"/> and loggers
    /// (the system clock and no logging when none are registered).
    /// </summary>
    public static IServiceCollection AddComfyClients(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(p => new ComfyClientFactory(
            p.GetService<TimeProvider>() ?? TimeProvider.System,
            p.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Logging;

/// <summary>Puts every registered logger provider behind a <see cref="ScrubbingLoggerProvider"/>.</summary>
internal static class ScrubbingLoggingExtensions
{
    /// <summary>Call after every provider is registered: providers added later are not wrapped.</summary>
    public static IServiceCollection ScrubLogProviders(this IServiceCollection services, LogScrubber scrubber)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(scrubber);
        var providers = services.Where(d => d.ServiceType == typeof(ILoggerProvider) && !d.IsKeyedService).ToList();
        foreach (var descriptor in providers)
        {
            services.Remove(descriptor);
            services.AddSingleton<ILoggerProvider>(p => new ScrubbingLoggerProvider(Create(descriptor, p), scrubber));
        }

        services.AddSingleton(scrubber);
        return services;
    }

    private static ILoggerProvider Create(ServiceDescriptor descriptor, IServiceProvider services) =>
        (ILoggerProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComfyBot.Discord.Gateway;

/// <summary>Registers the gateway as a hosted service.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds a <see cref="GatewayClient"/> over <see cref="WebSocketGatewayTransport"/>, run by a hosted service,
    /// with options validated at start-up (<see cref="GatewayOptionsValidator"/>): bind them from the host's own
    /// section on the returned builder (<c>.BindConfiguration("MyBot:Discord")</c>) or configure them. Needs an
    /// <see cref="IGatewayBotSource"/> (the REST client); interactions go to the registered
    /// <see cref="Interactions.IInteractionHandler"/>, if there is one.
    /// </summary>
    public static OptionsBuilder<GatewayOptions> AddDiscordGateway(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.TryAddSingleton(provider =>
        {
            var time = provider.GetRequiredService<TimeProvider>();
            return new GatewayClient(
                provider.GetRequiredService<IOptions<GatewayOptions>>().Value,
                provider.GetRequiredService<IGatewayBotSource>(),
                () => new WebSocketGatewayTransport(time),
                time,
                provider.GetService<ILogger<GatewayClient>>());
        });
        services.AddHostedService<GatewayHostedService>();
        return services.AddOptions<GatewayOptions>().ValidateOnStart();
    }
}

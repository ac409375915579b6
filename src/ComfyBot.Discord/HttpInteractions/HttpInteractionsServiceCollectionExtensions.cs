using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ComfyBot.Discord.HttpInteractions;

/// <summary>Registers the HTTP interactions endpoint's services.</summary>
public static class HttpInteractionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <see cref="HttpInteractionsEndpointRouteBuilderExtensions.MapDiscordInteractions"/> needs.
    /// Register an <see cref="Interactions.IInteractionHandler"/> too. The options are validated at start-up
    /// (<see cref="HttpInteractionsOptionsValidator"/>): bind them from the host's own section on the returned builder
    /// (<c>.BindConfiguration("MyBot:Discord:Interactions")</c>) or configure them.
    /// </summary>
    public static OptionsBuilder<HttpInteractionsOptions> AddDiscordHttpInteractions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpInteractionsOptions>, HttpInteractionsOptionsValidator>());
        services.TryAddSingleton<HttpInteractionReceiver>();
        return services.AddOptions<HttpInteractionsOptions>().ValidateOnStart();
    }
}

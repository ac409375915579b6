using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ComfyBot.Discord.HttpInteractions;

/// <summary>Registers the HTTP interactions endpoint's services.</summary>
public static class HttpInteractionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <see cref="HttpInteractionsEndpointRouteBuilderExtensions.MapDiscordInteractions"/> needs.
    /// Register an <see cref="Interactions.IInteractionHandler"/> too. Options bind from
    /// <see cref="HttpInteractionsOptions.SectionName"/> and are validated at start-up.
    /// </summary>
    public static OptionsBuilder<HttpInteractionsOptions> AddDiscordHttpInteractions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpInteractionsOptions>, HttpInteractionsOptionsValidator>());
        services.TryAddSingleton<HttpInteractionReceiver>();
        return services.AddOptions<HttpInteractionsOptions>().BindConfiguration(HttpInteractionsOptions.SectionName).ValidateOnStart();
    }
}

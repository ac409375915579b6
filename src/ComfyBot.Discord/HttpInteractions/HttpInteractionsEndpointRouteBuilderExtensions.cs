using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ComfyBot.Discord.HttpInteractions;

/// <summary>Maps the Discord interactions endpoint.</summary>
public static class HttpInteractionsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps POST <paramref name="pattern"/> as the app's Interactions Endpoint URL. Needs
    /// <see cref="HttpInteractionsServiceCollectionExtensions.AddDiscordHttpInteractions"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapDiscordInteractions(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var services = endpoints.ServiceProvider;
        if (services.GetService<IServiceProviderIsService>() is { } registered && !registered.IsService(typeof(HttpInteractionReceiver)))
        {
            throw new InvalidOperationException("MapDiscordInteractions needs services.AddDiscordHttpInteractions() first.");
        }

        // Resolved at the first request, not here: the application's interaction handler may take services that
        // exist only once the host has started (the server starts after the other hosted services).
        var receiver = new Lazy<HttpInteractionReceiver>(services.GetRequiredService<HttpInteractionReceiver>);
        return endpoints.MapPost(pattern, (RequestDelegate)(http => receiver.Value.ReceiveAsync(http)));
    }
}

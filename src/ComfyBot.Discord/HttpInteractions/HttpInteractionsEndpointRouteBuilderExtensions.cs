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
        var receiver = endpoints.ServiceProvider.GetService<HttpInteractionReceiver>()
            ?? throw new InvalidOperationException("MapDiscordInteractions needs services.AddDiscordHttpInteractions() first.");
        return endpoints.MapPost(pattern, (RequestDelegate)receiver.ReceiveAsync);
    }
}

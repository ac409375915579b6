using System.Diagnostics.Metrics;
using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComfyBot.Discord.Rest;

/// <summary>Registers the REST client, its options and the command registrar.</summary>
public static class DiscordRestServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the REST client uses.</summary>
    public const string HttpClientName = "ComfyBot.Discord.Rest";

    /// <summary>
    /// Adds <see cref="DiscordRestClient"/> (also as <see cref="IGatewayBotSource"/>) and <see cref="CommandRegistrar"/>
    /// as singletons. Bind <see cref="DiscordRestOptions"/> yourself (e.g. <c>AddOptions&lt;DiscordRestOptions&gt;().BindConfiguration("Discord")</c>)
    /// or pass <paramref name="configure"/>; the options are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddDiscordRest(this IServiceCollection services, Action<DiscordRestOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DiscordRestOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordRestOptions>, DiscordRestOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Interaction routes carry the token in the URL, and the factory's default handlers log URLs: remove them.
        // The client lives for the whole run, so connections are recycled by the handler instead of by the factory.
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

        services.TryAddSingleton(provider => new DiscordRestClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptions<DiscordRestOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<DiscordRestClient>>(),
            provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<IGatewayBotSource>(provider => provider.GetRequiredService<DiscordRestClient>());
        services.TryAddSingleton<CommandRegistrar>();
        return services;
    }
}

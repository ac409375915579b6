using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.HttpInteractions;
using ComfyBot.Discord.Rest;
using ComfyBot.SlashCommands;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Hosting;

/// <summary>
/// The one composition of the bot, used by the <c>run</c> verb, the demo, the end-to-end tests and the load
/// harness: options from section <c>ComfyBot</c> (validated before anything starts), the job store, backends and
/// JobService (<see cref="BotRuntime"/>), the Discord REST client, the gateway (Gateway mode) or the signed HTTP
/// endpoint (Http mode), the interaction handlers and command registration.
/// </summary>
internal static class BotHost
{
    /// <summary>Builds the host; start it with <c>StartAsync</c> (or <c>RunAsync</c>) and dispose it to stop.</summary>
    /// <param name="configuration">Configuration holding section <c>ComfyBot</c>.</param>
    /// <param name="settings">Clocks, logging and extra services; null for the defaults.</param>
    /// <exception cref="BotConfigurationException">The configuration cannot start the bot; the message lists each key and its fix.</exception>
    public static IHost Build(IConfiguration configuration, BotHostSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        settings ??= new BotHostSettings();
        var options = ReadOptions(configuration);
        BotOptionsValidator.EnsureValid(options);
        if (options.Discord.Mode == DiscordMode.Http)
        {
            var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "ComfyBot", Args = [] });
            web.WebHost.UseUrls(settings.Urls ?? options.Discord.ListenUrls);
            Compose(web, configuration, options, settings);
            web.Services.AddDiscordHttpInteractions().PostConfigure(o =>
            {
                if (string.IsNullOrEmpty(o.PublicKey))
                {
                    o.PublicKey = options.Discord.PublicKey ?? string.Empty;
                }
            });
            var app = web.Build();
            app.MapDiscordInteractions(options.Discord.InteractionsPath);
            return app;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "ComfyBot" });
        Compose(builder, configuration, options, settings);
        builder.Services.AddDiscordGateway();
        return builder.Build();
    }

    /// <summary>Binds section <c>ComfyBot</c> to <see cref="BotOptions"/> (no validation).</summary>
    public static BotOptions ReadOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new BotOptions();
        configuration.GetSection(BotOptions.Section).Bind(options);
        return options;
    }

    private static void Compose(IHostApplicationBuilder builder, IConfiguration configuration, BotOptions options, BotHostSettings settings)
    {
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        if (settings.ConfigureLogging is { } logging)
        {
            logging(builder.Logging);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
            builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        }

        var time = settings.Time ?? TimeProvider.System;
        var services = builder.Services;
        services.AddSingleton(time);
        services.AddSingleton(new BotClocks(time, settings.ReplyTime ?? time));
        services.AddSingleton(options);
        services.AddDiscordRest(o =>
        {
            o.Token = options.Discord.Token;
            if (options.Discord.ApiBaseUrl is { } api)
            {
                o.BaseAddress = api;
            }
        });
        services.AddOptions<DiscordRestOptions>().BindConfiguration(DiscordSettings.Section + ":Rest");
        services.AddHttpClient(AttachmentDownloader.ClientName, http => http.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddSingleton<AttachmentDownloader>();

        // Registration order is start order: the runtime (store, backends, jobs) before commands and the gateway.
        services.AddSingleton<BotRuntime>();
        services.AddHostedService(p => p.GetRequiredService<BotRuntime>());
        services.AddHostedService<CommandSync>();
        services.AddBotInteractions();
        settings.ConfigureServices?.Invoke(services);
    }
}

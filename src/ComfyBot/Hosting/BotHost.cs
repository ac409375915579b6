using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.HttpInteractions;
using ComfyBot.Discord.Rest;
using System.Diagnostics.Metrics;
using ComfyBot.Health;
using ComfyBot.Logging;
using ComfyBot.SlashCommands;
using ComfyBot.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComfyBot.Hosting;

/// <summary>
/// The one composition of the bot, used by the <c>run</c> verb, the demo, the end-to-end tests and the load
/// harness: options from section <c>ComfyBot</c> (validated before anything starts), the job store, backends and
/// JobService (<see cref="BotStartup"/>, <see cref="StartupServiceCollectionExtensions.AddBotStartup"/>), the Discord REST client, the gateway (Gateway mode) or the signed HTTP
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
        var problems = BotOptionsValidator.Check(configuration, out var checkedOptions);
        if (problems.Count > 0 || checkedOptions is not { } options)
        {
            throw new BotConfigurationException(problems);
        }

        var urls = options.Http.EffectiveUrls();
        if (urls is null)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "ComfyBot" });
            Compose(builder, configuration, options, settings);
            builder.Services.AddBotDiscordGateway(options.Discord);
            builder.Services.ScrubLogProviders(Scrubber(options));
            return builder.Build();
        }

        // Before anything starts: Kestrel binds only after the gateway has joined.
        var listen = options.Http.EffectiveUrls(settings.Urls)!;
        IReadOnlyList<string> taken =
        [
            .. ListenPortCheck.Find(settings.Urls ?? options.Http.ListenUrls ?? string.Empty, $"{HttpSettings.Section}:ListenUrls"),
            .. ListenPortCheck.Find(options.Http.ManagementUrls ?? string.Empty, $"{HttpSettings.Section}:ManagementUrls"),
        ];
        if (taken.Count > 0)
        {
            throw new BotConfigurationException(taken);
        }

        // One Kestrel host for everything HTTP: health and metrics always, the interactions endpoint in Http mode.
        var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "ComfyBot", Args = [] });
        web.WebHost.UseUrls(listen);
        Compose(web, configuration, options, settings);
        web.Services.AddSingleton(p => new HealthCheck(p.GetRequiredService<BotStartup>(), p.GetRequiredService<LogScrubber>(), p.GetService<GatewayClient>()));
        if (options.Discord.Mode == DiscordMode.Http)
        {
            web.Services.AddBotDiscordHttpInteractions(options.Discord);
        }
        else
        {
            web.Services.AddBotDiscordGateway(options.Discord);
        }

        web.Services.ScrubLogProviders(Scrubber(options));
        var app = web.Build();
        if (options.Discord.Mode == DiscordMode.Http)
        {
            app.MapDiscordInteractions(options.Discord.InteractionsPath);
        }

        app.MapBotTelemetry(options.Http);
        return app;
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
            AddConsole(builder.Logging, options.Logging);
        }

        // After the defaults, so that an operator's Logging:LogLevel:<category> wins over them.
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));

        var time = settings.Time ?? TimeProvider.System;
        var services = builder.Services;
        services.AddMetrics();
        services.AddSingleton(time);

        // The one options convention: bound from the section, every problem listed by the validator at start. Build has
        // run the same check (and the key check) already, so that run can refuse before anything starts.
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();
        services.AddSingleton(p => p.GetRequiredService<IOptions<BotOptions>>().Value);
        services.AddBotDiscordRest(options.Discord);
        services.AddHttpClient(AttachmentDownloader.ClientName, http => http.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddSingleton<AttachmentDownloader>();

        // Registration order is start order: the Core (store, backends, jobs) before commands and the gateway.
        services.AddBotStartup();
        services.AddHostedService<CommandSync>();
        services.AddBotInteractions();
        services.AddBotTelemetry(options, configuration);
        services.AddSingleton<IManagedMemory, GcManagedMemory>();
        services.AddHostedService<IdleMemoryTrim>();
        settings.ConfigureServices?.Invoke(services);
    }

    private static void AddConsole(ILoggingBuilder logging, LoggingSettings settings)
    {
        // Scopes carry the JobId of the job a line belongs to.
        if (settings.Format == LogFormat.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = true;

                // ISO-8601 in UTC, as the Json format writes it: an operator matches lines against ComfyUI's and
                // Discord's times, and a line without a date cannot be placed at all.
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }

        logging.SetMinimumLevel(settings.MinimumLevel);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
    }

    /// <summary>The secrets of this configuration: the bot token and every backend header value (such as an Authorization).</summary>
    internal static LogScrubber Scrubber(BotOptions options) =>
        new([options.Discord.Token, .. options.Backends.SelectMany(b => b.Headers.Values)]);
}

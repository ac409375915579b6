using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Hosting;

/// <summary>What a caller of <see cref="BotHost.Build"/> may change besides configuration: clocks, logging, extra services.</summary>
internal sealed class BotHostSettings
{
    /// <summary>The one clock of the whole bot: jobs, backends, REST pacing, the store and replies' token expiry. <value>The system clock.</value></summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Sets up logging; null logs to the console at Information (Warning for framework categories).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>Runs after the bot's services are registered, e.g. to add or replace handlers in tests.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Where the HTTP host listens when there is one (Http mode, or ComfyBot:Http:ListenUrls set), overriding ComfyBot:Http:ListenUrls (tests use port 0).</summary>
    public string? Urls { get; init; }
}

using ComfyBot.Hosting;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Logging;

/// <summary>
/// Drops the generic host's own "Hosting failed to start" entry when the failure is a <see cref="BotConfigurationException"/>
/// or an options validator's refusal:
/// that refusal is a message for the operator (another bot holds the store, a template is broken), and whoever
/// started the host prints it (<c>run</c> does, and exits 7). Logged by the host, it came first, as an error with a
/// stack trace, and buried the one line that says what to do. Any other start failure is logged as before.
/// </summary>
internal sealed class StartRefusalFilter(ILogger inner) : ILogger
{
    /// <summary>The category the generic host logs its start failure under.</summary>
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    // Microsoft.Extensions.Hosting's LoggerEventIds.HostedServiceStartupFaulted.
    private const int StartupFaulted = 11;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == StartupFaulted && exception is BotConfigurationException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            return;
        }

        inner.Log(logLevel, eventId, state, exception, formatter);
    }
}

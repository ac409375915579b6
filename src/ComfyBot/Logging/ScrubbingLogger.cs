using Microsoft.Extensions.Logging;

namespace ComfyBot.Logging;

/// <summary>Passes each entry on to the real logger with its message, values and exception scrubbed.</summary>
internal sealed class ScrubbingLogger(ILogger inner, LogScrubber scrubber) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull =>
        inner.BeginScope(ScrubbedState.OfScope(state, scrubber) ?? string.Empty);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var message = scrubber.Scrub(formatter(state, exception));
        var scrubbed = ScrubbedState.Of(state, message, scrubber);
        inner.Log(logLevel, eventId, scrubbed, exception is null ? null : new ScrubbedException(exception, scrubber), static (s, _) => s.ToString());
    }
}

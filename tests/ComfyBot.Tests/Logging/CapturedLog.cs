using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Tests.Logging;

/// <summary>
/// A logger provider that keeps everything a formatter could write: message, every structured value, the exception's
/// full text and every scope, as one text per entry.
/// </summary>
internal sealed class CapturedLog : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => log._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new StringBuilder().Append(logLevel).Append(' ').Append(category).Append(": ").Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    entry.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            log._scopes.ForEachScope(
                (scope, text) =>
                {
                    text.Append(" => ").Append(scope);
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            text.Append(' ').Append(key).Append('=').Append(value);
                        }
                    }
                },
                entry);
            if (exception is not null)
            {
                entry.Append('\n').Append(exception);
            }

            log._entries.Enqueue(entry.ToString());
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Tests.Running;

/// <summary>
/// Keeps every Error line logged through it (or every line from <paramref name="minimum"/> up), with its exception's
/// message, so a test can see failures nothing else reports.
/// </summary>
internal sealed class ErrorLog(LogLevel minimum = LogLevel.Error) : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            _lines.Enqueue($"{formatter(state, exception)} {exception?.Message}");
        }
    }

    public void Dispose()
    {
    }
}

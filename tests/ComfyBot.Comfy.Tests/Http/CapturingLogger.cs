using Microsoft.Extensions.Logging;

namespace ComfyBot.Comfy.Tests.Http;

/// <summary>Keeps every line logged (level, text, exception), for tests that check what the log says.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, string Text, Exception? Error)> _lines = [];

    public IReadOnlyList<(LogLevel Level, string Text, Exception? Error)> Lines
    {
        get { lock (_lines) { return [.. _lines]; } }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add((logLevel, formatter(state, exception), exception));
        }
    }
}

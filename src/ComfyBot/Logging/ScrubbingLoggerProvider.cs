using Microsoft.Extensions.Logging;

namespace ComfyBot.Logging;

/// <summary>
/// Wraps a logger provider (console, or a test's capture) so that nothing it writes holds a secret: every entry,
/// value, exception and scope goes through <see cref="LogScrubber"/> first.
/// </summary>
internal sealed class ScrubbingLoggerProvider(ILoggerProvider inner, LogScrubber scrubber) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName)
    {
        var logger = new ScrubbingLogger(inner.CreateLogger(categoryName), scrubber);
        return categoryName == StartRefusalFilter.HostCategory ? new StartRefusalFilter(logger) : logger;
    }

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(new ScrubbingScopeProvider(scopeProvider, scrubber));
        }
    }

    public void Dispose() => inner.Dispose();
}

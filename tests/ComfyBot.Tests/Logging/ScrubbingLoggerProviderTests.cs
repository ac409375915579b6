using ComfyBot.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Tests.Logging;

public sealed class ScrubbingLoggerProviderTests
{
    private const string Secret = "the-configured-bot-token-value";

    [Fact]
    public void Log_SecretInMessageValuesExceptionAndScope_ReachesNoProvider()
    {
        var (log, factory) = Build();
        using (factory)
        {
            var logger = factory.CreateLogger("Test");
            using (logger.BeginScope("Url {Url}", "https://x/webhooks/1/" + Secret))
            {
                logger.LogWarning(
                    new HttpRequestException("PATCH https://x/webhooks/1/" + Secret + " failed", new InvalidOperationException("inner " + Secret)),
                    "Sending with {Token} to {Backend} took {Millis}",
                    Secret,
                    "gpu-1",
                    12);
            }
        }

        var entry = Assert.Single(log.Entries);
        Assert.DoesNotContain(Secret, entry, StringComparison.Ordinal);
        Assert.Contains("Backend=gpu-1", entry, StringComparison.Ordinal);
        Assert.Contains("Millis=12", entry, StringComparison.Ordinal);
        Assert.Contains("{OriginalFormat}=Sending with {Token} to {Backend} took {Millis}", entry, StringComparison.Ordinal);
        Assert.Contains("HttpRequestException", entry, StringComparison.Ordinal);
        Assert.Contains("inner [redacted]", entry, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_NumbersInState_KeepTheirType()
    {
        var seen = new List<object?>();
        var provider = new ScrubbingLoggerProvider(new StateSpy(seen), new LogScrubber([Secret]));

        provider.CreateLogger("Test").LogInformation("Job {JobId} took {Seconds}", 42L, 1.5);

        Assert.Equal([42L, 1.5, "Job {JobId} took {Seconds}"], seen);
    }

    private static (CapturedLog Log, ILoggerFactory Factory) Build()
    {
        var log = new CapturedLog();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(log).SetMinimumLevel(LogLevel.Trace));
        services.ScrubLogProviders(new LogScrubber([Secret]));
        var provider = services.BuildServiceProvider();
        return (log, provider.GetRequiredService<ILoggerFactory>());
    }

    private sealed class StateSpy(List<object?> seen) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Spy(seen);

        public void Dispose()
        {
        }

        private sealed class Spy(List<object?> seen) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                seen.AddRange(((IEnumerable<KeyValuePair<string, object?>>)state!).Select(p => p.Value));
            }
        }
    }
}

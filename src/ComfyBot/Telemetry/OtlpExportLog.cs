using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Telemetry;

/// <summary>
/// Puts the OTLP exporter's warnings and errors (a collector that refuses or cannot be reached) in the bot's log.
/// OpenTelemetry reports them only on its EventSource, so a wrong <c>Telemetry:Otlp:Endpoint</c> would otherwise lose
/// every metric and span without a word. Process-wide, as EventSources are: one bot per process in production.
/// </summary>
internal sealed partial class OtlpExportLog(ILogger<OtlpExportLog> logger) : IHostedService, IDisposable
{
    private Listener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new Listener(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Kept until the host is disposed: the exporters flush while the host stops, and that is when a refusal shows.
    public void Dispose() => _listener?.Dispose();

    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "OpenTelemetry's OTLP export: {Text}. Check ComfyBot:Telemetry:Otlp (or OTEL_EXPORTER_OTLP_ENDPOINT) and that the collector runs there.")]
    private static partial void LogExport(ILogger logger, string text);

    private sealed class Listener(ILogger logger) : EventListener
    {
        // Called from the base constructor too, before this class's fields are set: it uses none.
        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name.StartsWith("OpenTelemetry-Exporter-OpenTelemetryProtocol", StringComparison.Ordinal))
            {
                EnableEvents(eventSource, EventLevel.Warning);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (logger is null || eventData.Level > EventLevel.Warning)
            {
                return;
            }

            var text = eventData.Message is { } format && eventData.Payload is { } payload
                ? string.Format(CultureInfo.InvariantCulture, format, [.. payload])
                : eventData.EventName ?? "an export failed";
            LogExport(logger, text);
        }
    }
}

using System.Diagnostics;
using OpenTelemetry;

namespace ComfyBot.Telemetry;

/// <summary>An exporter of the bot's spans (registered as a service, it receives only the bot's own; see <see cref="OwnSpansProcessor"/>).</summary>
/// <param name="Processor">The export processor, such as a batch processor over the OTLP exporter.</param>
internal sealed record SpanExport(BaseProcessor<Activity> Processor);

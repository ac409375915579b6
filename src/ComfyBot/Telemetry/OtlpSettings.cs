using OpenTelemetry.Exporter;

namespace ComfyBot.Telemetry;

/// <summary>The OTLP export (section <c>ComfyBot:Telemetry:Otlp</c>).</summary>
internal sealed class OtlpSettings
{
    /// <summary>
    /// The collector's URL. Unset: the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable turns the export on (with
    /// the other <c>OTEL_EXPORTER_OTLP_*</c> variables), and without either nothing is sent over OTLP.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>Grpc</c> (port 4317) or <c>HttpProtobuf</c> (port 4318, paths /v1/metrics and /v1/traces). <value>Grpc.</value></summary>
    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;
}

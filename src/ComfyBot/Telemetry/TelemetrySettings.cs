namespace ComfyBot.Telemetry;

/// <summary>
/// Where the bot's telemetry goes besides <c>/metrics</c> and the console (section <c>ComfyBot:Telemetry</c>).
/// </summary>
internal sealed class TelemetrySettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ComfyBot:Telemetry";

    /// <summary>The standard OpenTelemetry variable that also turns the OTLP export on when <see cref="OtlpSettings.Endpoint"/> is unset.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Metrics and traces over OTLP to a collector (Grafana Alloy, the OpenTelemetry Collector, Jaeger, ...).</summary>
    public OtlpSettings Otlp { get; set; } = new();

    /// <summary>Every problem, each naming the key and the fix.</summary>
    public IReadOnlyList<string> Validate()
    {
        if (Otlp.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            return [$"{Section}:Otlp:Endpoint is '{endpoint}'; set the collector's http(s) URL, such as http://localhost:4317 (gRPC) or http://localhost:4318 with Protocol HttpProtobuf, or remove the key to export nothing over OTLP."];
        }

        return [];
    }
}

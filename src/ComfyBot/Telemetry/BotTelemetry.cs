using System.Diagnostics;
using System.Diagnostics.Metrics;
using ComfyBot.Core.Running;
using ComfyBot.Discord.Gateway;
using ComfyBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ComfyBot.Telemetry;

/// <summary>
/// The bot's OpenTelemetry: the meters named <c>ComfyBot*</c> (the host's, Core's and the Discord REST client's), the
/// job traces of <see cref="JobTelemetry"/> with every outgoing HTTP call (ComfyUI, Discord) as a span, exported as
/// Prometheus text on <c>/metrics</c> and, when configured, over OTLP; and the trace and span id on every log line.
/// </summary>
internal static class BotTelemetry
{
    /// <summary>
    /// The meters exported: <c>ComfyBot</c> and those below it (<c>ComfyBot.Core</c>, <c>ComfyBot.Discord</c>), the bot's
    /// own only. The framework's (HttpClient, Kestrel) carry per-port labels that would make a series per connection.
    /// </summary>
    public const string MeterName = "ComfyBot";

    // The name OpenTelemetry's IMetricsListener registers under. Its AddMeter would listen by name to every meter in the
    // process; a rule of this container's metrics builder with MeterScope.Local takes only the meters its own
    // IMeterFactory made, so two bots in one process (as in the tests) never mix series.
    private const string OpenTelemetryListener = "OpenTelemetry";

    /// <summary>Histogram bounds in seconds: from a quick step to a long SDXL batch.</summary>
    public static readonly double[] SecondsBounds = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

    /// <summary>
    /// Registers the meter and tracer providers. The metrics listen only to meters of this container's
    /// <c>IMeterFactory</c> (OpenTelemetry's hosting subscribes through <c>IMetricsListener</c>), and the exporters of
    /// traces receive only this bot's spans (<see cref="OwnSpansProcessor"/>, exporters registered as
    /// <see cref="SpanExport"/>), so two bots in one process never mix series or traces.
    /// </summary>
    public static IServiceCollection AddBotTelemetry(this IServiceCollection services, BotOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var otlp = options.Telemetry.Otlp;
        var scrubber = BotHost.Scrubber(options);
        var otlpOn = otlp.Endpoint is not null || !string.IsNullOrWhiteSpace(configuration[TelemetrySettings.StandardEndpointVariable]);

        // A log line written while a job's span is current names its trace, so an operator can go from the line to
        // the whole job in the tracing UI, and find every line of one job by its trace id.
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (otlpOn)
        {
            services.AddHostedService<OtlpExportLog>();
        }

        services.AddSingleton<BotTracing>();
        if (otlpOn)
        {
            services.AddSingleton(p => new SpanExport(new BatchActivityExportProcessor(new OtlpTraceExporter(TraceExport(p, otlp)))));
        }

        services.AddSingleton(p => new BotMetrics(p.GetRequiredService<IMeterFactory>(), p.GetRequiredService<BotStartup>(), p.GetService<GatewayClient>()));
        services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                // The host's instruments exist from the provider's start, whether or not an HTTP port serves /metrics.
                if (metrics is IDeferredMeterProviderBuilder deferred)
                {
                    deferred.Configure((provider, _) => provider.GetRequiredService<BotMetrics>());
                }

                metrics.AddBotMeters();
                if (otlpOn)
                {
                    metrics.AddOtlpExporter(o => Point(o, otlp, "v1/metrics"));
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(MeterName, JobTelemetry.SourceName)
                    .AddHttpClientInstrumentation(o =>
                    {
                        o.FilterHttpRequestMessage = request => !IsOtlp(request, otlp);

                        // A Discord webhook URL holds the interaction's token, and tokens never leave the bot.
                        o.EnrichWithHttpRequestMessage = (span, request) =>
                        {
                            if (request.RequestUri is { } uri)
                            {
                                span.SetTag("url.full", scrubber.Scrub(uri.GetLeftPart(UriPartial.Path)));
                            }
                        };
                    });
                tracing.AddProcessor(p => new OwnSpansProcessor(
                    p.GetRequiredService<BotTracing>(),
                    [.. p.GetServices<SpanExport>().Select(e => e.Processor).DefaultIfEmpty(new NoExport())]));
            });
        return services;
    }

    /// <summary>The bot's meters with their histogram bounds, exported as Prometheus text (map it with <c>MapPrometheusScrapingEndpoint</c>).</summary>
    public static MeterProviderBuilder AddBotMeters(this MeterProviderBuilder metrics) =>
        metrics.ConfigureServices(services => services.AddMetrics(rules => rules.EnableMetrics(MeterName, instrumentName: null, listenerName: OpenTelemetryListener, MeterScope.Local)))
            .AddView(i => i.Unit == "s" ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBounds } : null)

            // No cache: a scrape right after a job must show it (the exporter's default reuses a scrape for 300 ms).
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);

    // Made by OpenTelemetry's own options factory, so the OTEL_EXPORTER_OTLP_* settings are read from the host's
    // configuration as for the metrics' exporter; the bot's own settings, when given, win.
    private static OtlpExporterOptions TraceExport(IServiceProvider services, OtlpSettings settings)
    {
        var options = services.GetRequiredService<IOptionsFactory<OtlpExporterOptions>>().Create("ComfyBot.Traces");
        Point(options, settings, "v1/traces");
        return options;
    }

    private static void Point(OtlpExporterOptions exporter, OtlpSettings settings, string signalPath)
    {
        if (settings.Endpoint is not { } endpoint)
        {
            // The OTEL_EXPORTER_OTLP_* variables configure it, as the OpenTelemetry documentation describes.
            return;
        }

        exporter.Protocol = settings.Protocol;

        // Given in code, an HTTP endpoint is used as is; the standard variable's base URL gets the signal's path.
        exporter.Endpoint = settings.Protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "/" or ""
            ? new Uri(endpoint, signalPath)
            : endpoint;
    }

    // The export's own calls would otherwise become spans that are exported, which makes more calls.
    private static bool IsOtlp(HttpRequestMessage request, OtlpSettings settings) =>
        settings.Endpoint is { } endpoint && request.RequestUri is { } uri && uri.Authority == endpoint.Authority;

    /// <summary>Where spans go while no exporter is configured: nowhere.</summary>
    private sealed class NoExport : BaseProcessor<Activity>;
}

using System.Text.Json;
using ComfyBot.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ComfyBot.Telemetry;

/// <summary>Maps <c>GET /healthz</c> (JSON, 200 or 503) and <c>GET /metrics</c> (Prometheus text, OpenTelemetry's exporter).</summary>
internal static class TelemetryEndpoints
{
    public const string HealthPath = "/healthz";

    public const string MetricsPath = "/metrics";

    public static IEndpointRouteBuilder MapBotTelemetry(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var health = endpoints.ServiceProvider.GetRequiredService<HealthCheck>();
        endpoints.MapGet(HealthPath, async (HttpContext context) =>
        {
            var report = health.Check();
            context.Response.StatusCode = report.IsServing ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            await JsonSerializer.SerializeAsync(context.Response.Body, report, HealthJsonContext.Default.HealthReport, context.RequestAborted);
        });
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }
}

using System.Text.Json;
using ComfyBot.Health;
using ComfyBot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ComfyBot.Telemetry;

/// <summary>
/// Maps <c>GET /healthz</c> (JSON, 200 or 503) and <c>GET /metrics</c> (Prometheus text, OpenTelemetry's exporter).
/// With <see cref="HttpSettings.ManagementUrls"/> set, they answer only on those ports, and nothing else does there.
/// </summary>
internal static class TelemetryEndpoints
{
    public const string HealthPath = "/healthz";

    public const string MetricsPath = "/metrics";

    public static WebApplication MapBotTelemetry(this WebApplication app, HttpSettings http)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(http);
        if (http.ManagementPorts() is { } management)
        {
            // Told apart by the port a request arrived on, not by its Host header, which the sender writes.
            app.Use((context, next) =>
            {
                var onManagement = management.Contains(context.Connection.LocalPort);
                if (onManagement != IsManagement(context.Request.Path))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(context);
            });
        }

        var health = app.Services.GetRequiredService<HealthCheck>();
        // Typed as a RequestDelegate: the request delegate generator (on in a Native AOT publish) would otherwise try to
        // intercept the call with a Delegate signature and fail to compile (CS9144).
        app.MapGet(HealthPath, (RequestDelegate)(async context =>
        {
            var report = health.Check();
            context.Response.StatusCode = report.IsServing ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            await JsonSerializer.SerializeAsync(context.Response.Body, report, HealthJsonContext.Default.HealthReport, context.RequestAborted);
        }));
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    private static bool IsManagement(PathString path) =>
        path.StartsWithSegments(HealthPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase);
}

using System.Diagnostics.Metrics;
using ComfyBot.Discord.Gateway;
using ComfyBot.Hosting;

namespace ComfyBot.Telemetry;

/// <summary>
/// The host's own instruments (meter <c>ComfyBot</c>), read at each scrape: backends up or down, and the gateway's
/// reconnects and resumes. Core (<c>ComfyBot.Core</c>) and the REST client (<c>ComfyBot.Discord</c>) add theirs.
/// </summary>
internal sealed class BotMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ComfyBot";

    public BotMetrics(IMeterFactory meters, BotStartup startup, GatewayClient? gateway = null)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(
            "comfybot.backend.up",
            () => startup.Core is { } core
                ? core.Monitor.Backends.Select(b => new Measurement<int>(b.Health.IsUp ? 1 : 0, new KeyValuePair<string, object?>("backend", b.Name)))
                : [],
            "{backend}",
            "1 while the backend (ComfyUI server) answers its health check, 0 while it is down");
        if (gateway is null)
        {
            return;
        }

        meter.CreateObservableCounter("discord.gateway.reconnects", () => (long)gateway.Sessions.Sum(s => s.ReconnectCount), "{reconnect}", "Gateway connections that ended and were made again");
        meter.CreateObservableCounter("discord.gateway.resumes", () => (long)gateway.Sessions.Sum(s => s.ResumeCount), "{resume}", "Gateway reconnections that resumed the session (no events lost)");
        meter.CreateObservableGauge("discord.gateway.connected", () => Connected(gateway) ? 1 : 0, "{gateway}", "1 while every shard is connected and ready");
    }

    /// <summary>Whether every shard of <paramref name="gateway"/> is connected and ready.</summary>
    public static bool Connected(GatewayClient gateway) =>
        gateway.Sessions.Count > 0 && gateway.Sessions.All(s => s.State == GatewaySessionState.Ready);
}

using System.Diagnostics;
using OpenTelemetry;

namespace ComfyBot.Telemetry;

/// <summary>
/// Hands the bot's exporters only the bot's own spans (<see cref="BotTracing.Owns"/>): every tracer provider in a
/// process sees every span of the sources it names, and a second bot's would otherwise be exported as this one's.
/// A composite, so that the exporters still learn their provider (and with it the resource they report).
/// </summary>
internal sealed class OwnSpansProcessor(BotTracing tracing, IEnumerable<BaseProcessor<Activity>> exports) : CompositeProcessor<Activity>(exports)
{
    public override void OnStart(Activity data)
    {
        if (tracing.Owns(data))
        {
            base.OnStart(data);
        }
    }

    public override void OnEnd(Activity data)
    {
        if (tracing.Owns(data))
        {
            base.OnEnd(data);
        }
    }
}

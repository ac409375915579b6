using System.Diagnostics;
using ComfyBot.Core.Running;
using ComfyBot.Discord.Interactions;
using ComfyBot.SlashCommands;

namespace ComfyBot.Telemetry;

/// <summary>
/// This bot's spans: the interactions it starts from its own <see cref="Source"/>, and which spans of the process are
/// its own. Listeners pick sources by name, so every bot in a process hears every other's spans (the tests run
/// several); a span is this bot's when it or the span it runs under comes from this bot's host or Core source.
/// </summary>
internal sealed class BotTracing(JobTelemetry jobs) : IDisposable
{
    /// <summary>The host's source: one span per interaction, the root of the trace of the job it submits.</summary>
    public ActivitySource Source { get; } = new(BotTelemetry.MeterName);

    /// <summary>Starts the span of one interaction (a command, a button, an autocomplete); current until disposed.</summary>
    public Activity? StartInteraction(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var name = interaction.Command is { } command ? InteractionRouter.RouteOf(command) : interaction.Component?.CustomId.Split(':')[0];
        return Source.StartActivity($"interaction {name}", ActivityKind.Server)
            ?.SetTag("discord.interaction.id", interaction.Id.Value)
            .SetTag("discord.interaction.type", interaction.Type.ToString());
    }

    /// <summary>
    /// Whether <paramref name="span"/> is this bot's: made by its sources, or (an HTTP call) running under a span that
    /// is. A span under none of the bot's spans (a health poll, the command registration) belongs to no job's trace and
    /// is no one's.
    /// </summary>
    public bool Owns(Activity span)
    {
        ArgumentNullException.ThrowIfNull(span);
        for (var current = span; current is not null; current = current.Parent)
        {
            if (ReferenceEquals(current.Source, Source) || ReferenceEquals(current.Source, jobs.Source))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => Source.Dispose();
}

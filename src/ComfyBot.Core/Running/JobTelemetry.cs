using System.Diagnostics;

namespace ComfyBot.Core.Running;

/// <summary>
/// The job engine's spans (source <see cref="SourceName"/>): one trace per job, from the interaction that asked for it
/// through admission, its run on a backend (submit, progress, outputs) and the final reply. Exporter-neutral: any
/// <see cref="ActivityListener"/> (OpenTelemetry, dotnet-trace) can read them; without one nothing is recorded.
/// </summary>
public static class JobTelemetry
{
    /// <summary>The ActivitySource's name.</summary>
    public const string SourceName = "ComfyBot.Core";

    /// <summary>The tag that carries the job's id on its spans.</summary>
    public const string JobIdTag = "comfybot.job.id";

    internal static readonly ActivitySource Source = new(SourceName);
}

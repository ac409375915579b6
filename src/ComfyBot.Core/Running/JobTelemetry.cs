using System.Diagnostics;
using System.Globalization;
using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Running;

/// <summary>
/// The job engine's spans (source <see cref="SourceName"/>): one trace per job, from the interaction that asked for it
/// (the span current when the job is taken in) through its runs on a backend (<c>job.run</c>, with <c>job.submit</c>
/// and the HTTP calls below it) to the final reply (<c>job.final</c>). Exporter-neutral: any
/// <see cref="ActivityListener"/> (OpenTelemetry, dotnet-trace) can read them; without one nothing is recorded.
/// Each bot has its own (Core registers one per container), so that a host can tell its spans from another bot's in
/// the same process by their <see cref="Source"/>: listeners choose sources by name, and every bot's is named alike.
/// </summary>
public sealed class JobTelemetry : IDisposable
{
    /// <summary>The ActivitySource's name.</summary>
    public const string SourceName = "ComfyBot.Core";

    /// <summary>The tag that carries the job's id on its spans.</summary>
    public const string JobIdTag = "comfybot.job.id";

    /// <summary>The spans of job services given none of their own (tests, benchmarks).</summary>
    internal static readonly JobTelemetry Shared = new();

    /// <summary>This bot's source of job spans.</summary>
    public ActivitySource Source { get; } = new(SourceName);

    /// <inheritdoc />
    public void Dispose() => Source.Dispose();

    /// <summary>
    /// Starts the span of a job's whole life, a child of the current span (the interaction's) when there is one. It is
    /// not left current: the caller goes on with its own work, and each part of the job makes it current again.
    /// </summary>
    internal Activity? StartJob(Job job)
    {
        var previous = Activity.Current;

        // Started with no span current, as a child of the current one's context: a span keeps the span that was current
        // when it started (to make it current again when it stops), so every queued job held its interaction's ended
        // span and tags, about 0.5 KB (issue 15).
        Activity.Current = null;

        // No tags until the job ends (EndJob): exporters read a span's tags when it ends, and each waiting job's span
        // held its three tags' nodes, list and id strings (about 0.25 KB) for as long as it waited (issue 15).
        var span = Source.StartActivity("job", ActivityKind.Internal, previous?.Context ?? default);
        Activity.Current = previous;
        return span;
    }

    /// <summary>Starts a step of the job (<paramref name="name"/>) as a child of its span, current until disposed.</summary>
    internal Activity? StartStep(ActiveJob active, string name) =>
        active.Span is { } job ? Source.StartActivity(name, ActivityKind.Internal, job.Context)?.SetTag(JobIdTag, active.Job.Id.ToString(CultureInfo.InvariantCulture)) : null;

    /// <summary>Makes the job's span current until disposed (for work done on its behalf by a shared loop).</summary>
    internal static CurrentSpan Within(ActiveJob active) => new(active.Span);

    /// <summary>Ends the job's span with its final state, and gives it its tags (the job, workflow, member and state).</summary>
    internal static void EndJob(ActiveJob active)
    {
        if (active.Span is not { } span)
        {
            return;
        }

        var job = active.Job;
        span.SetTag(JobIdTag, job.Id.ToString(CultureInfo.InvariantCulture))
            .SetTag("comfybot.workflow", job.Workflow)
            .SetTag("comfybot.member.id", job.Owner.MemberId.ToString(CultureInfo.InvariantCulture))
            .SetTag("comfybot.job.state", job.State.ToString().ToLowerInvariant());
        if (active.Job.State is JobState.Failed)
        {
            span.SetStatus(ActivityStatusCode.Error, active.Job.Detail);
        }

        span.Stop();
    }

    /// <summary>Restores the span that was current before <see cref="Within"/>.</summary>
    internal readonly struct CurrentSpan : IDisposable
    {
        private readonly Activity? _previous;
        private readonly bool _changed;

        public CurrentSpan(Activity? span)
        {
            _previous = Activity.Current;
            _changed = span is not null;
            if (_changed)
            {
                Activity.Current = span;
            }
        }

        public void Dispose()
        {
            if (_changed)
            {
                Activity.Current = _previous;
            }
        }
    }
}

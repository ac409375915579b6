using System.Diagnostics.Metrics;
using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Running;

/// <summary>
/// The job service's instruments (meter <see cref="MeterName"/>): jobs by state, queue wait and generation time,
/// reply edits. Exporter-neutral: any <see cref="MeterListener"/> (OpenTelemetry, dotnet-counters) can read them.
/// </summary>
internal sealed class JobMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ComfyBot.Core";

    private static readonly JobState[] ActiveStates = [JobState.Waiting, JobState.Submitted, JobState.Running];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _queueWait;
    private readonly Histogram<double> _generation;
    private readonly Counter<long> _edits;

    /// <param name="meters">The host's meter factory; null makes a meter of this object's own.</param>
    /// <param name="activeJobs">The states of the jobs the service holds now, read at each collection.</param>
    public JobMetrics(IMeterFactory? meters, Func<IReadOnlyList<JobState>> activeJobs)
    {
        _ownsMeter = meters is null;
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge(
            "comfybot.jobs",
            () => Count(activeJobs()),
            "{job}",
            "Jobs the bot holds now, by state (waiting, submitted, running)");
        _finished = _meter.CreateCounter<long>("comfybot.jobs.finished", "{job}", "Jobs that reached a final state, by state");
        _queueWait = _meter.CreateHistogram<double>("comfybot.job.queue_wait", "s", "From /imagine to the first step on a GPU");
        _generation = _meter.CreateHistogram<double>("comfybot.job.generation", "s", "From the first step to the outputs (succeeded or failed runs)");
        _edits = _meter.CreateCounter<long>("comfybot.reply.edits", "{edit}", "Reply edits sent to the chat surface, by kind (progress, final)");
    }

    public void Finished(JobState state) => _finished.Add(1, new KeyValuePair<string, object?>("state", Label(state)));

    public void QueueWait(TimeSpan wait) => _queueWait.Record(Math.Max(0, wait.TotalSeconds));

    public void Generation(TimeSpan elapsed) => _generation.Record(Math.Max(0, elapsed.TotalSeconds));

    public void EditSent(bool final) => _edits.Add(1, new KeyValuePair<string, object?>("kind", final ? "final" : "progress"));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static IEnumerable<Measurement<int>> Count(IReadOnlyList<JobState> states) =>
        ActiveStates.Select(s => new Measurement<int>(states.Count(x => x == s), new KeyValuePair<string, object?>("state", Label(s))));

    private static string Label(JobState state) => state.ToString().ToLowerInvariant();
}

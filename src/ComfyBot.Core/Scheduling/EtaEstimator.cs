namespace ComfyBot.Core.Scheduling;

/// <summary>
/// Estimates when a waiting job will start, from the durations of recently finished jobs (a rolling window per
/// backend, per workflow and overall). Thread-safe (one lock), no I/O.
/// </summary>
/// <remarks>
/// Each backend runs one prompt at a time (ComfyUI executes its queue in order), so the estimate plays list
/// scheduling forward: every backend is free once its in-flight prompts are done, and each job ahead goes to the
/// backend that frees first. A workflow's duration on a backend is the workflow's mean scaled by how that backend
/// compares with the overall mean, so a slower GPU counts slower. It assumes any backend can run any job ahead.
/// </remarks>
public sealed class EtaEstimator
{
    /// <summary>How many finished jobs each window keeps unless told otherwise.</summary>
    public const int DefaultWindow = 20;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _window;
    private readonly DurationWindow _all;
    private readonly Dictionary<string, DurationWindow> _runByBackend = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DurationWindow> _waitByBackend = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DurationWindow> _runByWorkflow = new(StringComparer.Ordinal);

    /// <summary>Creates an estimator with no data (every estimate is null until the first <see cref="Record"/>).</summary>
    /// <param name="time">The clock, for how long the running prompts have been at it.</param>
    /// <param name="window">How many recent jobs each window keeps (1 or more).</param>
    public EtaEstimator(TimeProvider time, int window = DefaultWindow)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _time = time;
        _window = window;
        _all = new DurationWindow(window);
    }

    /// <summary>Feeds one finished job into the windows.</summary>
    public void Record(FinishedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            _all.Add(run.Ran);
            WindowFor(_runByBackend, run.Backend).Add(run.Ran);
            WindowFor(_waitByBackend, run.Backend).Add(run.Queued);
            WindowFor(_runByWorkflow, run.Workflow).Add(run.Ran);
        }
    }

    /// <summary>How long a job of this workflow is expected to execute (on that backend when given); null without data.</summary>
    public TimeSpan? EstimateRun(string workflow, string? backend = null)
    {
        lock (_gate)
        {
            return _all.Count == 0 ? null : Duration(workflow, backend);
        }
    }

    /// <summary>
    /// How long until the job at <paramref name="position"/> (1 = next to be sent) starts executing; null when
    /// no job has finished yet or no backend is given.
    /// </summary>
    /// <param name="position">1-based position among the bot's waiting jobs.</param>
    /// <param name="backends">The backends that take jobs now, with what each has in flight.</param>
    /// <param name="workflowsAhead">The workflows of the jobs ahead, in order (e.g. from <see cref="FairScheduler.Order"/>);
    /// missing entries count as a typical job.</param>
    public TimeSpan? EstimateStart(int position, IReadOnlyList<BackendActivity> backends, IReadOnlyList<string>? workflowsAhead = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        ArgumentNullException.ThrowIfNull(backends);
        lock (_gate)
        {
            if (_all.Count == 0 || backends.Count == 0)
            {
                return null;
            }

            var now = _time.GetUtcNow();
            var freeAt = new TimeSpan[backends.Count];
            for (var b = 0; b < backends.Count; b++)
            {
                freeAt[b] = InFlightRemaining(backends[b], now);
            }

            for (var ahead = 0; ahead < position - 1; ahead++)
            {
                var b = EarliestFree(freeAt);
                var workflow = workflowsAhead is not null && ahead < workflowsAhead.Count ? workflowsAhead[ahead] : null;
                freeAt[b] += Duration(workflow, backends[b].Backend);
            }

            return freeAt[EarliestFree(freeAt)];
        }
    }

    /// <summary>Recent means per backend that has finished a job, by name.</summary>
    public IReadOnlyList<BackendStats> Stats()
    {
        lock (_gate)
        {
            return _runByBackend
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new BackendStats(p.Key, p.Value.Count, p.Value.Mean, _waitByBackend[p.Key].Mean))
                .ToArray();
        }
    }

    private TimeSpan InFlightRemaining(BackendActivity backend, DateTimeOffset now)
    {
        if (backend.InFlight <= 0)
        {
            return TimeSpan.Zero;
        }

        var typical = Duration(null, backend.Backend);
        var running = backend.RunningSince is { } since
            ? Max(typical - (now - since), TimeSpan.Zero)
            : typical / 2;
        return running + (typical * (backend.InFlight - 1));
    }

    // Needs _all to hold data; callers check.
    private TimeSpan Duration(string? workflow, string? backend)
    {
        var overall = _all.Mean!.Value;
        var onBackend = backend is not null && _runByBackend.TryGetValue(backend, out var b) ? b.Mean : null;
        if (workflow is null || !_runByWorkflow.TryGetValue(workflow, out var w) || w.Mean is not { } workflowMean)
        {
            return onBackend ?? overall;
        }

        if (onBackend is not { } backendMean || overall <= TimeSpan.Zero)
        {
            return workflowMean;
        }

        return workflowMean * (backendMean / overall);
    }

    private static int EarliestFree(TimeSpan[] freeAt)
    {
        var best = 0;
        for (var i = 1; i < freeAt.Length; i++)
        {
            if (freeAt[i] < freeAt[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private DurationWindow WindowFor(Dictionary<string, DurationWindow> windows, string key)
    {
        if (!windows.TryGetValue(key, out var window))
        {
            window = new DurationWindow(_window);
            windows.Add(key, window);
        }

        return window;
    }
}

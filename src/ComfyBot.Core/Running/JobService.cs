using System.Diagnostics.Metrics;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Images;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Store;
using ComfyBot.Core.Workflows;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Running;

/// <summary>
/// The job engine's front: submit (admission), cancel, list, pause/resume, bump and the admin's interrupt. Behind it,
/// each part does one thing (see docs/DESIGN.md, "A job's life"): <see cref="Dispatcher"/> hands jobs to backend slots
/// in fair order, <see cref="JobRunner"/> runs one job on a backend, <see cref="JobEndings"/> ends or requeues it,
/// <see cref="Evacuation"/> moves jobs off a server that went down, and <see cref="StartupRecovery"/> rebuilds it all
/// from the store. Dispose it to stop (unfinished jobs stay in the store and a new JobService picks them up with
/// <see cref="StartAsync"/>).
/// </summary>
/// <remarks>Members' and admins' cancels and interrupts are <see cref="StopRequests"/>' job.</remarks>
public sealed partial class JobService : IAsyncDisposable
{
    private readonly JobEngine _engine;
    private readonly BackendMonitor? _monitor;
    private readonly JobMetrics _metrics;
    private readonly JobAdmission _admission;
    private readonly Evacuation _evacuation;
    private readonly JobEndings _endings;
    private readonly StopRequests _stops;
    private readonly OutputImages _images;
    private readonly Dispatcher _dispatcher;
    private readonly StartupRecovery _recovery;
    private Task? _loop;
    private int _disposed;

    /// <summary>Creates the service; call <see cref="StartAsync"/> before submitting.</summary>
    /// <param name="store">The job store, the truth about every job.</param>
    /// <param name="monitor">The backends and their health.</param>
    /// <param name="policy">Bans, channel rules, limits and weights.</param>
    /// <param name="workflows">The workflows members pick from, with their bounds and follow-ups.</param>
    /// <param name="views">Turns a job (its <see cref="Job.ChatTarget"/>) into the chat surface its replies go to.</param>
    /// <param name="options">Settings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggers">Loggers.</param>
    /// <param name="meters">
    /// Where the instruments of meter <c>ComfyBot.Core</c> come from (jobs by state, queue wait, generation time,
    /// reply edits); null for a meter of the service's own.
    /// </param>
    /// <param name="telemetry">Where the job spans come from: the bot's own (see <see cref="JobTelemetry"/>); null for one shared by all that pass none.</param>
    /// <param name="tables">
    /// The store's other tables the engine writes and reads (streamed and input images, GPU runs): the bot's own, made at
    /// its start; null for a set of its own over <paramref name="store"/>'s file.
    /// </param>
    public JobService(
        JobStore store,
        BackendMonitor monitor,
        JobPolicy policy,
        WorkflowCatalog workflows,
        Func<Job, IJobView> views,
        JobServiceOptions options,
        TimeProvider time,
        ILoggerFactory loggers,
        IMeterFactory? meters = null,
        JobTelemetry? telemetry = null,
        StoreTables? tables = null)
        : this(store, monitor, [.. Seams(monitor)], policy, workflows, views, options, time, loggers, meters, telemetry, tables)
    {
    }

    /// <summary>
    /// Creates the service over <paramref name="backends"/>, the seams the job engine reaches its servers by;
    /// <paramref name="monitor"/> tells it when one goes down or comes back (none for stand-ins that never do).
    /// </summary>
    internal JobService(
        JobStore store,
        BackendMonitor? monitor,
        IReadOnlyList<IJobBackend> backends,
        JobPolicy policy,
        WorkflowCatalog workflows,
        Func<Job, IJobView> views,
        JobServiceOptions options,
        TimeProvider time,
        ILoggerFactory loggers,
        IMeterFactory? meters = null,
        JobTelemetry? telemetry = null,
        StoreTables? tables = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(workflows);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        _monitor = monitor;
        _metrics = new JobMetrics(meters, () => [.. _engine!.Snapshot().Select(j => j.Job.State)]);
        tables ??= StoreTables.Over(store.Database);
        _engine = new JobEngine(store, tables.Images, tables.Usage, backends, workflows, views, options, time, loggers.CreateLogger<JobService>(), _metrics)
        {
            Telemetry = telemetry ?? JobTelemetry.Shared,
        };
        _endings = new JobEndings(_engine);
        _stops = new StopRequests(_engine, _endings);
        _images = new OutputImages(_engine);
        _evacuation = new Evacuation(_engine, _endings);
        var runner = new JobRunner(_engine, _endings, _images, _evacuation);
        _dispatcher = new Dispatcher(_engine, runner);
        _recovery = new StartupRecovery(_engine, _endings, _images, runner);
        _admission = new JobAdmission(_engine, policy);
    }

    /// <summary>Whether new jobs are held back (queued ones are kept).</summary>
    public bool IsPaused => _engine.Scheduler.IsPaused;

    /// <summary>Reloads unfinished jobs from the store (see <see cref="StartupRecovery"/>) and starts dispatching.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("JobService was already started; start it once and dispose it to stop.");
        }

        await _recovery.RecoverAsync(cancellationToken);
        if (_monitor is not null)
        {
            _monitor.StateChanged += OnBackendStateChanged;
        }

        _loop = Task.Run(() => _dispatcher.RunAsync(_engine.Shutdown), CancellationToken.None);
        _engine.Wake();
    }

    /// <summary>
    /// Checks the policy, writes the job to the store and queues it. Tell the member "queued" only after this
    /// returns a job; a refusal means nothing was stored.
    /// </summary>
    public Task<SubmitResult> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken = default) =>
        _admission.SubmitAsync(submission, cancellationToken);

    /// <summary>Stops the dispatch loop and every follow task; unfinished jobs stay in the store as they are.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_monitor is not null)
        {
            _monitor.StateChanged -= OnBackendStateChanged;
        }

        var tasks = await _engine.StopAsync();
        var jobs = _engine.Snapshot();
        foreach (var job in jobs)
        {
            await job.Stop.CancelAsync();
        }

        try
        {
            await Task.WhenAll(tasks.Append(_loop ?? Task.CompletedTask));
        }
        catch (OperationCanceledException)
        {
            // Expected: the loops end by cancellation.
        }

        foreach (var job in jobs)
        {
            await job.Reply.DisposeAsync();
            job.Dispose();
        }

        JobLog.Stopped(_engine.Logger, jobs.Length);

        _engine.Dispose();
        _admission.Dispose();
        _metrics.Dispose();
    }

    /// <summary>
    /// The <paramref name="index"/>-th image a succeeded job saved (0-based, in the order of its reply), fetched again from
    /// the backend that made it: the input of an Upscale or Vary follow-up. Null when the job does not exist or did not
    /// succeed, has no such image, or its backend is gone or cannot serve the file any more.
    /// </summary>
    public Task<InputImage?> GetOutputImageAsync(long jobId, int index, CancellationToken cancellationToken = default) =>
        _images.GetAsync(jobId, index, cancellationToken);

    /// <summary>Queues a job already in the store (its row written elsewhere, as a test or a restart does).</summary>
    internal void Enqueue(Job job) => _engine.Enqueue(job);

    /// <summary>How many waiting replies the dispatcher's rounds have refreshed: what draining the queue costs.</summary>
    internal long WaitingRepliesRefreshed => _engine.Waiting.Refreshed;

    /// <summary>The waiting replies' rounds themselves: how many replies they looked at, and their check against a walk of every place (tests).</summary>
    internal WaitingReplies WaitingReplies => _engine.Waiting;

    /// <summary>The shared slots of place-in-line edits, for benchmarks.</summary>
    internal Progress.ReplyEditSlots PlaceEdits => _engine.PlaceEdits;

    /// <summary>The fair scheduler itself: the jobs its takes examined and the full plays of its order (the soak's counts).</summary>
    internal Scheduling.FairScheduler Scheduler => _engine.Scheduler;

    /// <summary>The dispatch rounds so far and their time, for the soak's per-job scheduler cost.</summary>
    internal WorkCost DispatchCost => _engine.DispatchCost;

    private void OnBackendStateChanged(object? sender, BackendStateChangedEventArgs e)
    {
        if (e.CameBack)
        {
            _engine.Holds.Release(e.Backend.Name);
            if (_engine.FindBackend(e.Backend.Name) is { } back)
            {
                _evacuation.CleanUpAfter(back);
            }
        }

        if (e.WentDown)
        {
            _engine.Track(Task.Run(() => _evacuation.MoveOffAsync(e.Backend.Name), CancellationToken.None));
        }

        _engine.Wake();
    }

    private static IEnumerable<IJobBackend> Seams(BackendMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        return monitor.Backends.Select(b => new BackendSeam(b, monitor));
    }
}

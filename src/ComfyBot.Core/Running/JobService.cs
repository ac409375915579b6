using System.Diagnostics.Metrics;
using ComfyBot.Core.Backends;
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
public sealed partial class JobService : IAsyncDisposable
{
    private readonly JobEngine _engine;
    private readonly BackendMonitor? _monitor;
    private readonly JobPolicy _policy;
    private readonly JobMetrics _metrics;
    private readonly SemaphoreSlim _admission = new(1, 1);
    private readonly Evacuation _evacuation;
    private readonly JobEndings _endings;
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
    public JobService(
        JobStore store,
        BackendMonitor monitor,
        JobPolicy policy,
        WorkflowCatalog workflows,
        Func<Job, IJobView> views,
        JobServiceOptions options,
        TimeProvider time,
        ILoggerFactory loggers,
        IMeterFactory? meters = null)
        : this(store, monitor, [.. Seams(monitor)], policy, workflows, views, options, time, loggers, meters)
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
        IMeterFactory? meters = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(workflows);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        options.Validate();
        _monitor = monitor;
        _policy = policy;
        _metrics = new JobMetrics(meters, () => [.. _engine!.Snapshot().Select(j => j.Job.State)]);
        _engine = new JobEngine(store, backends, workflows, views, options, time, loggers.CreateLogger<JobService>(), _metrics);
        _endings = new JobEndings(_engine);
        _images = new OutputImages(_engine);
        _evacuation = new Evacuation(_engine, _endings);
        var runner = new JobRunner(_engine, _endings, _images, _evacuation);
        _dispatcher = new Dispatcher(_engine, runner);
        _recovery = new StartupRecovery(_engine, _endings, _images, runner);
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
    public async Task<SubmitResult> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (submission.AttachmentByteLimit is < 1024)
        {
            throw new ArgumentException($"AttachmentByteLimit is {submission.AttachmentByteLimit}; pass the interaction's attachment_size_limit (at least 1024 bytes) or null for the configured limit.", nameof(submission));
        }

        // One admission at a time: the count, the cooldown and the insert are one step, so a burst of submissions
        // (an /imagine storm, eight clicks on one Re-roll) lets exactly the cap in. Only the store's insert is slow here.
        await _admission.WaitAsync(cancellationToken);
        try
        {
            return await AdmitAsync(submission, cancellationToken);
        }
        catch (Exception error) when (StoreFailure.Is(error))
        {
            LogStoreRefusedJob(_engine.Logger, error, submission.Owner.MemberId);
            return new SubmitResult(null, new PolicyRefusal(RefusalReason.StoreUnavailable, ReplyTexts.StoreUnavailable(StoreFailure.Describe(error))));
        }
        finally
        {
            _admission.Release();
        }
    }

    private async Task<SubmitResult> AdmitAsync(JobSubmission submission, CancellationToken cancellationToken)
    {
        var parameters = submission.Parameters;
        var request = new JobRequest(submission.Owner.MemberId, submission.RoleIds, submission.ChannelId)
        {
            Steps = parameters.Steps,
            Width = parameters.Width,
            Height = parameters.Height,
            Batch = parameters.Batch,

            // Counted in memory: a job whose outcome the store could not record has still left (see JobEndings).
            QueuedJobs = _engine.JobIds(j => j.Owner.MemberId == submission.Owner.MemberId).Count,
            LastSubmittedAt = await _engine.Store.GetLastSubmitTimeAsync(submission.Owner.MemberId, cancellationToken),
        };
        var decision = _policy.Evaluate(request);
        if (decision.Refusal is { } refusal)
        {
            return new SubmitResult(null, refusal);
        }

        if (_engine.Workflows.Check(submission.Workflow, parameters, submission.InputImage is not null) is { } unfit)
        {
            return new SubmitResult(null, unfit);
        }

        var definition = _engine.Definition(submission.Workflow);

        // Rendering now refuses bad values before anything is stored, and fixes a random seed once so that a
        // resubmitted job draws the same image.
        var rendered = definition.Template.Render(parameters);
        if (rendered.Seed is { } seed && parameters.Seed is null)
        {
            parameters = parameters with { Seed = seed };
        }

        var job = await _engine.Store.AddAsync(
            new Job
            {
                Owner = submission.Owner,
                GuildId = submission.GuildId,
                ChannelId = submission.ChannelId,
                Workflow = definition.Name,
                Parameters = parameters,
                Seed = rendered.Seed,
                Weight = Math.Max(1, (int)Math.Round(decision.Weight)),
                ChatTarget = submission.ChatTarget,
                AttachmentByteLimit = submission.AttachmentByteLimit,
            },
            submission.InputImage,
            cancellationToken);
        _engine.Enqueue(job);
        return new SubmitResult(job, null);
    }

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

        _engine.Dispose();
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The job store refused a new job of member {MemberId}; the member is told it cannot be saved")]
    private static partial void LogStoreRefusedJob(ILogger logger, Exception error, ulong memberId);
}

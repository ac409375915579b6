using System.Diagnostics.Metrics;
using System.Threading.Channels;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Scheduling;
using ComfyBot.Core.Store;
using ComfyBot.Core.Workflows;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Running;

/// <summary>
/// Runs jobs from request to final reply: policy, store, fair queue, dispatch to a backend with a free slot,
/// progress replies, outcome. Owns its dispatch loop and every job's follow task; dispose it to stop them
/// (unfinished jobs stay in the store and a new JobService picks them up with <see cref="StartAsync"/>).
/// </summary>
public sealed partial class JobService : IAsyncDisposable
{
    private readonly JobStore _store;
    private readonly BackendMonitor? _monitor;
    private readonly IReadOnlyList<IJobBackend> _backends;
    private readonly JobPolicy _policy;
    private readonly WorkflowCatalog _workflows;
    private readonly Func<Job, IJobView> _views;
    private readonly JobServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JobMetrics _metrics;
    private readonly FairScheduler _scheduler = new();
    private readonly BackendSlots _slots;
    private readonly EtaEstimator _eta;
    private readonly FinalReplyComposer _composer;
    private readonly BackendHolds _holds;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _admission = new(1, 1);
    private readonly Dictionary<long, ActiveJob> _jobs = [];
    private readonly Dictionary<string, List<string>> _leftBehind = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _tasks = [];
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
        _store = store;
        _monitor = monitor;
        _backends = backends;
        _policy = policy;
        _workflows = workflows;
        _views = views;
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger<JobService>();
        _eta = new EtaEstimator(time);
        _composer = new FinalReplyComposer(workflows, options.AttachmentByteLimit);
        _holds = new BackendHolds(time, options.OfflineRetryDelay, Wake);
        _metrics = new JobMetrics(meters, ActiveStates);
        _slots = new BackendSlots(backends.Select(b => new BackendCapacity(b.Name, b.MaxInFlight, b.Weight)));
    }

    /// <summary>Whether new jobs are held back (queued ones are kept).</summary>
    public bool IsPaused => _scheduler.IsPaused;

    /// <summary>Reloads unfinished jobs from the store (see <c>Recovery</c>) and starts dispatching.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("JobService was already started; start it once and dispose it to stop.");
        }

        await RecoverAsync(cancellationToken);
        if (_monitor is not null)
        {
            _monitor.StateChanged += OnBackendStateChanged;
        }
        _loop = Task.Run(() => DispatchLoopAsync(_shutdown.Token), CancellationToken.None);
        Wake();
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
            LogStoreRefusedJob(error, submission.Owner.MemberId);
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

            // Counted in memory: a job whose outcome the store could not record has still left (see Endings).
            QueuedJobs = JobIds(j => j.Owner.MemberId == submission.Owner.MemberId).Count,
            LastSubmittedAt = await _store.GetLastSubmitTimeAsync(submission.Owner.MemberId, cancellationToken),
        };
        var decision = _policy.Evaluate(request);
        if (decision.Refusal is { } refusal)
        {
            return new SubmitResult(null, refusal);
        }

        if (_workflows.Check(submission.Workflow, parameters, submission.InputImage is not null) is { } unfit)
        {
            return new SubmitResult(null, unfit);
        }

        var definition = Definition(submission.Workflow);

        // Rendering now refuses bad values before anything is stored, and fixes a random seed once so that a
        // resubmitted job draws the same image.
        var rendered = definition.Template.Render(parameters);
        if (rendered.Seed is { } seed && parameters.Seed is null)
        {
            parameters = parameters with { Seed = seed };
        }

        var job = await _store.AddAsync(
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
        Enqueue(job);
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
        await _shutdown.CancelAsync();
        _wake.Writer.TryComplete();
        Task[] tasks;
        ActiveJob[] jobs;
        lock (_gate)
        {
            tasks = [.. _tasks];
            jobs = [.. _jobs.Values];
        }

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

        _holds.Dispose();
        _shutdown.Dispose();
        _metrics.Dispose();
    }

    internal void Enqueue(Job job)
    {
        using var logScope = JobLogScope(_logger, job.Id);
        var active = new ActiveJob(job, new ReplyThrottle(new CountingJobView(_views(job), _metrics), _time, _options.Reply, _logger));
        lock (_gate)
        {
            _jobs[job.Id] = active;
        }

        // The dispatch loop posts the queued position after its next round: computing the fair order here, once
        // per enqueue, would cost O(n) each and O(n²) for a burst.
        _scheduler.Enqueue(ToQueued(job));
        Wake();
    }

    private static QueuedJob ToQueued(Job job) => new(job.Id, job.Owner.MemberId, job.Weight, job.QueueOrder, job.Workflow);

    /// <summary>The job's workflow; a stored job may name one no longer configured, which fails that job only.</summary>
    private WorkflowDefinition Definition(string workflow) =>
        _workflows.TryGet(workflow, out var definition)
            ? definition
            : throw new InvalidOperationException($"Workflow '{workflow}' is no longer configured; configure it again or cancel the job. Configured: {string.Join(", ", _workflows.All.Select(d => d.Name))}.");

    private ActiveJob? Find(long jobId)
    {
        lock (_gate)
        {
            return _jobs.GetValueOrDefault(jobId);
        }
    }

    private JobState[] ActiveStates()
    {
        lock (_gate)
        {
            return [.. _jobs.Values.Select(j => j.Job.State)];
        }
    }

    private void Forget(ActiveJob active)
    {
        lock (_gate)
        {
            _jobs.Remove(active.Job.Id);
        }
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private void OnBackendStateChanged(object? sender, BackendStateChangedEventArgs e)
    {
        if (e.CameBack)
        {
            _holds.Release(e.Backend.Name);

            if (FindBackend(e.Backend.Name) is { } back)
            {
                CleanUpAfter(back);
            }
        }

        if (e.WentDown)
        {
            Track(Task.Run(() => MoveOffAsync(e.Backend.Name), CancellationToken.None));
        }

        Wake();
    }

    private static IEnumerable<IJobBackend> Seams(BackendMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        return monitor.Backends.Select(b => new BackendSeam(b, monitor));
    }

    /// <summary>The seam of the backend with this name (case-insensitive, as the monitor finds them), or null.</summary>
    private IJobBackend? FindBackend(string name) => _backends.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));

    private string ScopeKey(Job job) => _options.ScopeBy == ScopeKeyKind.User
        ? job.Owner.MemberId.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : job.ChannelId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Track(Task task)
    {
        lock (_gate)
        {
            _tasks.Add(task);
        }

        _ = task.ContinueWith(
            t =>
            {
                lock (_gate)
                {
                    _tasks.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}

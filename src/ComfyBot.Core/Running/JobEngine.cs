using System.Globalization;
using System.Threading.Channels;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Scheduling;
using ComfyBot.Core.Store;
using ComfyBot.Core.Workflows;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Running;

/// <summary>
/// What the parts of the job engine share (the front, the dispatcher, the runs, evacuation, recovery): the store, the
/// backends' seams, the fair queue and slots, the unfinished jobs in memory, the wake signal of the dispatcher and the
/// background tasks a shutdown waits for. It holds state and the small rules on it, no policy of its own.
/// </summary>
internal sealed partial class JobEngine : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, ActiveJob> _jobs = [];
    private readonly HashSet<Task> _tasks = [];
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _shutdown = new();

    public JobEngine(
        JobStore store,
        ImageStore images,
        UsageStore usage,
        IReadOnlyList<IJobBackend> backends,
        WorkflowCatalog workflows,
        Func<Job, IJobView> views,
        JobServiceOptions options,
        TimeProvider time,
        ILogger logger,
        JobMetrics metrics)
    {
        Store = store;
        Images = images;
        Usage = usage;
        Backends = backends;
        Workflows = workflows;
        Views = views;
        Options = options;
        Time = time;
        Logger = logger;
        Metrics = metrics;
        Eta = new EtaEstimator(time);
        Composer = new FinalReplyComposer(workflows, options.AttachmentByteLimit);
        Holds = new BackendHolds(time, options.OfflineRetryDelay, Wake);
        Slots = new BackendSlots(backends.Select(b => new BackendCapacity(b.Name, b.MaxInFlight, b.Weight)));
        PlaceEdits = new ReplyEditSlots(options.Reply.MaxPlaceEditsInFlight, WaitingReplies.FrontPlaces);
        Waiting = new WaitingReplies(this);
    }

    public JobStore Store { get; }

    /// <summary>The input and streamed images of the jobs, in the job store's file.</summary>
    public ImageStore Images { get; }

    /// <summary>The GPU runs and daily counts admission checks quotas against, in the job store's file.</summary>
    public UsageStore Usage { get; }

    public IReadOnlyList<IJobBackend> Backends { get; }

    public WorkflowCatalog Workflows { get; }

    public Func<Job, IJobView> Views { get; }

    public JobServiceOptions Options { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public JobMetrics Metrics { get; }

    /// <summary>Where the job's spans come from: the bot's own source.</summary>
    public JobTelemetry Telemetry { get; init; } = JobTelemetry.Shared;

    public FairScheduler Scheduler { get; } = new();

    public BackendSlots Slots { get; }

    public EtaEstimator Eta { get; }

    public FinalReplyComposer Composer { get; }

    public BackendHolds Holds { get; }

    /// <summary>The waiting replies' refresh: a job queued, returned or bumped is marked there to be shown at once.</summary>
    public WaitingReplies Waiting { get; }

    /// <summary>The slots every reply's place-in-line edits share, so a long queue's edits stay few in flight.</summary>
    public ReplyEditSlots PlaceEdits { get; }

    /// <summary>Each dispatch round (hand-out plus waiting replies), for the soak's per-job figures.</summary>
    public WorkCost DispatchCost { get; } = new();

    /// <summary>Cancelled when the service is disposed: every loop and follow task ends on it.</summary>
    public CancellationToken Shutdown => _shutdown.Token;

    /// <summary>The lock that guards the jobs in memory; also taken to mark a job cancelled or moving, atomically.</summary>
    public Lock Gate => _gate;

    public ChannelReader<bool> WakeSignal => _wake.Reader;

    /// <summary>Wakes the dispatcher for a round (dispatch, then refresh the waiting replies); wakes coalesce.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>The in-memory side of a job's reply, counted in the metrics.</summary>
    public ActiveJob NewActive(Job job) => new(job, new ReplyThrottle(new CountingJobView(Views(job), Metrics), Time, Options.Reply, Logger, PlaceEdits)) { Span = Telemetry.StartJob(job), Moved = Moves };

    /// <summary>The log of every job's moves (<see cref="JobLog"/>): one delegate shared by all, not a closure per job (issue 15).</summary>
    public Action<ActiveJob, RunState, RunState> Moves => _moves ??= JobLog.Moves(this);

    private Action<ActiveJob, RunState, RunState>? _moves;

    /// <summary>Keeps an unfinished job in memory (it counts against its member's cap from here).</summary>
    public void Add(ActiveJob active)
    {
        lock (_gate)
        {
            _jobs[active.Job.Id] = active;
        }
    }

    public ActiveJob? Find(long jobId)
    {
        lock (_gate)
        {
            return _jobs.GetValueOrDefault(jobId);
        }
    }

    public void Forget(ActiveJob active)
    {
        lock (_gate)
        {
            _jobs.Remove(active.Job.Id);
        }
    }

    /// <summary>Every unfinished job in memory now.</summary>
    public ActiveJob[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _jobs.Values];
        }
    }

    public List<long> JobIds(Func<Job, bool> match)
    {
        lock (_gate)
        {
            return [.. _jobs.Values.Select(a => a.Job).Where(match).Select(j => j.Id)];
        }
    }

    /// <summary>Puts a stored waiting job in memory and in the fair queue.</summary>
    public void Enqueue(Job job)
    {
        using var logScope = LogScope(Logger, job.Id);
        Add(NewActive(job));

        // The dispatch loop posts the queued position after its next round: computing the fair order here, once
        // per enqueue, would cost O(n) each and O(n²) for a burst.
        Scheduler.Enqueue(ToQueued(job));
        Waiting.Mark(job.Id);
        Wake();
    }

    public static QueuedJob ToQueued(Job job) => new(job.Id, job.Owner.MemberId, job.Weight, job.QueueOrder, job.Workflow);

    /// <summary>The job's workflow; a stored job may name one no longer configured, which fails that job only.</summary>
    public WorkflowDefinition Definition(string workflow) =>
        Workflows.TryGet(workflow, out var definition)
            ? definition
            : throw new InvalidOperationException($"Workflow '{workflow}' is no longer configured; configure it again or cancel the job. Configured: {string.Join(", ", Workflows.All.Select(d => d.Name))}.");

    /// <summary>The seam of the backend with this name (case-insensitive, as the monitor finds them), or null.</summary>
    public IJobBackend? FindBackend(string name) => Backends.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));

    public string ScopeKey(Job job) => Options.ScopeBy == ScopeKeyKind.User
        ? job.Owner.MemberId.ToString(CultureInfo.InvariantCulture)
        : job.ChannelId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Keeps a background task until it ends, so a shutdown can wait for it.</summary>
    public void Track(Task task)
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

                // Nothing else observes a tracked task: a failure here would otherwise vanish without a word.
                if (t.IsFaulted)
                {
                    LogTrackedWorkFailed(Logger, t.Exception.GetBaseException());
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Stops the loops and tasks: cancels the shutdown token and closes the wake signal; returns the tasks to wait for.</summary>
    public async Task<Task[]> StopAsync()
    {
        await _shutdown.CancelAsync();
        _wake.Writer.TryComplete();
        lock (_gate)
        {
            return [.. _tasks];
        }
    }

    public void Dispose()
    {
        Holds.Dispose();
        Waiting.Dispose();
        _shutdown.Dispose();
    }

    /// <summary>Deletes a prompt from a backend's queue; a backend in trouble is logged and left to the next clean-up.</summary>
    public async Task DeleteQuietlyAsync(IJobBackend backend, string promptId)
    {
        try
        {
            await backend.DeleteFromQueueAsync([promptId], CancellationToken.None);
        }
        catch (Exception error) when (BackendTrouble.Is(error))
        {
            LogBackendOffline(Logger, backend.Name, 0, error.Message);
        }
    }

    /// <summary>
    /// Interrupts <paramref name="promptId"/> on <paramref name="backend"/> only if its /queue shows that prompt
    /// running: an interrupt reaches whatever runs on a ComfyUI older than 0.3.57. Returns whether it was running.
    /// </summary>
    public async Task<bool> InterruptIfRunningAsync(IJobBackend backend, string promptId, CancellationToken cancellationToken)
    {
        try
        {
            if (!await backend.IsRunningAsync(promptId, cancellationToken))
            {
                return false;
            }

            await backend.InterruptAsync(promptId, cancellationToken);
            return true;
        }
        catch (Exception error) when (BackendTrouble.Is(error))
        {
            // Unreachable: its move off the server (or the clean-up when it answers again) deals with the prompt.
            LogBackendOffline(Logger, backend.Name, 0, error.Message);
            return false;
        }
    }

    public static readonly Func<ILogger, long, IDisposable?> LogScope = LoggerMessage.DefineScope<long>("JobId:{JobId}");

    [LoggerMessage(Level = LogLevel.Error, Message = "Background work of the job service failed (a final reply's delivery, or a recovered job)")]
    private static partial void LogTrackedWorkFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backend {Backend} refused job #{JobId}: {Reason}")]
    public static partial void LogBackendOffline(ILogger logger, string backend, long jobId, string reason);
}

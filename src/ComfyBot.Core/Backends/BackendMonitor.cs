using ComfyBot.Comfy.Templates;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Backends;

/// <summary>
/// Checks every backend every <see cref="BackendMonitorOptions.PollInterval"/>: reachable or not, GPU and memory,
/// queue length and foreign prompts, and (rarely, or after a comeback) its catalogue and models. Raises
/// <see cref="StateChanged"/> when a backend goes down or comes back (reconnecting its event streams at once when it
/// comes back), closes idle event streams, and keeps the throughput the caller reports. It owns its polling loop, not the backends: their owner disposes them.
/// </summary>
public sealed class BackendMonitor : IAsyncDisposable
{
    private readonly BackendMonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BackendProbe _probe;
    private readonly SemaphoreSlim _polling = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly BackendFaults _faults;
    private readonly TaskCompletionSource<DateTimeOffset> _firstCheck = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Completed (and replaced) each time a backend's first check answers: what a decision waiting for the first
    // check (see WhenDecidableAsync) waits on.
    private TaskCompletionSource _firstAnswers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _startedAt;
    private Task? _loop;

    /// <summary>Creates a monitor for <paramref name="backends"/>; call <see cref="Start"/> to begin polling.</summary>
    /// <exception cref="ArgumentException">No backends, or two with one name.</exception>
    public BackendMonitor(IEnumerable<Backend> backends, BackendMonitorOptions options, TimeProvider timeProvider, ILogger<BackendMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        Backends = [.. backends];
        if (Backends.Count == 0)
        {
            throw new ArgumentException("No backends are configured; add at least one under ComfyBot:Backends (Name and Url).", nameof(backends));
        }

        var duplicate = Backends.GroupBy(b => b.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two backends are named '{duplicate.Key}'; give each entry under ComfyBot:Backends its own Name.", nameof(backends));
        }

        _options = options;
        _time = timeProvider;
        _logger = logger;
        _probe = new BackendProbe(options, timeProvider, logger);
        _faults = new BackendFaults(options, timeProvider, logger);
        foreach (var backend in Backends)
        {
            // An endless WebSocket message is cut by the stream, which reconnects; the server is still out of order.
            backend.Misbehaved += (_, reason) => MarkFaulty(backend, reason);
        }
    }

    /// <summary>Raised after a check changes a backend's state (first check included). Handlers run on the polling loop: keep them short.</summary>
    public event EventHandler<BackendStateChangedEventArgs>? StateChanged;

    /// <summary>Every monitored backend, in configuration order.</summary>
    public IReadOnlyList<Backend> Backends { get; }

    /// <summary>
    /// Completes, with when it finished, once every backend's first health check has answered (up or down). The first
    /// check runs in the background from <see cref="Start"/> (READY does not wait for the slowest server's
    /// /object_info); until then a backend is <see cref="BackendState.NotCheckedYet"/>. Canceled if the monitor is
    /// disposed first.
    /// </summary>
    public Task<DateTimeOffset> FirstCheck => _firstCheck.Task;

    /// <summary>How long the first check took, from <see cref="Start"/> (or the first poll) to its last answer; null until it finished.</summary>
    public TimeSpan? FirstCheckTook { get; private set; }

    /// <summary>True while some backend's first check has not answered.</summary>
    public bool AnyNotCheckedYet => Backends.Any(b => b.Health.IsNotCheckedYet);

    /// <summary>The backends whose first check has not answered, in configuration order.</summary>
    public IReadOnlyList<Backend> NotCheckedYet => [.. Backends.Where(b => b.Health.IsNotCheckedYet)];

    /// <summary>The backend with this name (case-insensitive), or null.</summary>
    public Backend? Find(string name) => Backends.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The backends that are up and can run <paramref name="template"/>, in configuration order.</summary>
    public IReadOnlyList<Backend> CandidatesFor(WorkflowTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return [.. Backends.Where(b => b.Health.IsUp && b.CanRun(template))];
    }

    /// <summary>
    /// Waits until <paramref name="decidable"/> holds or every backend's first check has answered, whichever comes
    /// first: a decision that reads the servers' catalogues (can any run this template, has any this checkpoint) must
    /// not be taken on a server not checked yet. Returns true at once when nothing is pending, and false when
    /// <see cref="BackendMonitorOptions.FirstCheckWait"/> passed first: what is known still does not decide, and the
    /// caller must say so rather than decide on a server not checked yet (the probe's own timeouts, each request's
    /// times its retries, could otherwise hold it for minutes).
    /// </summary>
    /// <param name="decidable">Whether what is known already decides (e.g. a checked server that is up can run it).</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    public async Task<bool> WhenDecidableAsync(Func<bool> decidable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decidable);
        var until = _time.GetUtcNow() + _options.FirstCheckWait;
        while (true)
        {
            // Read the signal before the states: an answer that lands between the two completes this very signal.
            var answered = Volatile.Read(ref _firstAnswers);
            if (_stop.IsCancellationRequested)
            {
                throw new OperationCanceledException("The backends' monitor stopped before their first check answered.");
            }

            if (!AnyNotCheckedYet || decidable())
            {
                return true;
            }

            var left = until - _time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await answered.Task.WaitAsync(left, _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Looked at once more above: an answer that came with the limit still decides.
            }
        }
    }

    /// <summary>Counts a finished job toward <paramref name="backend"/>'s <see cref="Backend.Throughput"/>.</summary>
    /// <param name="backend">Where the job ran.</param>
    /// <param name="duration">From the start of its run to its outcome; not negative.</param>
    /// <exception cref="ArgumentException">The backend is not one of <see cref="Backends"/>.</exception>
    public void RecordFinished(Backend backend, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (!Backends.Contains(backend))
        {
            throw new ArgumentException($"Backend '{backend.Name}' is not one this monitor watches; pass one from BackendMonitor.Backends.", nameof(backend));
        }

        backend.RecordFinished(duration);
    }

    /// <summary>
    /// Takes <paramref name="backend"/> out of service: it sent more than the client accepts (a 300 MB /view answer, an
    /// endless body), so it is broken or hostile, and every job sent there would fail the same way. It is down at once
    /// (<see cref="StateChanged"/> is raised, its running jobs move elsewhere) with the reason as its error, which
    /// /comfy-admin backends and /healthz show, and stays down for <see cref="BackendMonitorOptions.FaultHold"/> whatever
    /// its health checks say; the first healthy check after that brings it back.
    /// </summary>
    /// <param name="backend">One of <see cref="Backends"/>.</param>
    /// <param name="reason">What it did, e.g. the cap's message.</param>
    public void MarkFaulty(Backend backend, string reason)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var (previous, current, until) = _faults.Mark(backend, reason);
        if (previous.IsNotCheckedYet)
        {
            FirstAnswered();
        }

        _logger.LogWarning("Backend {Backend} is marked faulty until {Until:u} (ComfyBot:BackendMonitor:FaultHold): {Reason}", backend.Name, until, reason);
        if (previous.State != current.State)
        {
            Raise(backend, previous, current);
        }
    }

    /// <summary>
    /// Has the next health check read again the catalogue of each of <paramref name="backends"/> read at least
    /// <see cref="BackendMonitorOptions.CatalogueRereadOnMiss"/> ago: a member asked for a value none of their lists has.
    /// </summary>
    /// <returns>How many will be read again (0 when every list is fresher than that).</returns>
    public int Reread(IEnumerable<Backend> backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        var now = _time.GetUtcNow();
        var asked = 0;
        foreach (var backend in backends)
        {
            if (backend.Catalogue is { } catalogue && now - catalogue.FetchedAt >= _options.CatalogueRereadOnMiss)
            {
                backend.WantReread();
                asked++;
            }
        }

        return asked;
    }

    /// <summary>Starts polling: a check of every backend now, then one every poll interval. A second call does nothing.</summary>
    /// <exception cref="ObjectDisposedException">The monitor was disposed.</exception>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            if (_loop is not null)
            {
                return;
            }

            // The first round is the first check: it runs on the loop, in the background, so the caller (the bot's
            // start) goes on to READY while the slowest server still reads its /object_info.
            MarkStart();
            _logger.LogInformation("Checking {Count} GPU servers in the background; until each answers it shows as not checked yet and nothing is judged by it.", Backends.Count);

            // The timer exists before Start returns, so a tick the clock reaches right away is not lost.
            var timer = new PeriodicTimer(_options.PollInterval, _time);
            _loop = Task.Run(
                () => PeriodicWork.RunAsync(timer, PollOnceAsync, error => _logger.LogError(error, "Backend health check failed; trying again at the next interval."), _stop.Token),
                CancellationToken.None);
        }
    }

    /// <summary>Checks every backend now (in parallel), raises <see cref="StateChanged"/> for changes, and closes idle streams.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken = default)
    {
        await _polling.WaitAsync(cancellationToken);
        try
        {
            MarkStart();
            await Task.WhenAll(Backends.Select(b => CheckAsync(b, cancellationToken)));
            EndFirstCheck();
        }
        finally
        {
            _polling.Release();
        }
    }

    /// <summary>Stops polling and waits for the loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _stop.Cancel();
            loop = _loop;
        }

        // Whoever waits for the first check (a start-up warning, a member's /imagine) stops waiting.
        _firstCheck.TrySetCanceled();
        Interlocked.Exchange(ref _firstAnswers, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetCanceled();

        if (loop is not null)
        {
            await loop;
        }

        _stop.Dispose();
    }

    private async Task CheckAsync(Backend backend, CancellationToken cancellationToken)
    {
        if (_faults.IsHeld(backend))
        {
            // A faulty server is not asked anything until its hold is over: each check would read its catalogue again.
            await backend.CloseIdleScopesAsync();
            return;
        }

        var probed = await _probe.CheckAsync(backend, cancellationToken);
        var (previous, current) = _faults.Apply(backend, probed);

        if (previous.IsNotCheckedYet && !current.IsNotCheckedYet)
        {
            FirstAnswered();
        }

        await backend.CloseIdleScopesAsync();
        if (current.State == previous.State)
        {
            return;
        }

        if (current.State == BackendState.Down)
        {
            _logger.LogWarning("Backend {Backend} is down: {Error}", backend.Name, current.Error);
        }
        else
        {
            _logger.LogInformation("Backend {Backend} is up ({Gpu}, {Classes} node classes).", backend.Name, current.GpuName, current.NodeClassCount);

            // Before anyone hears of it: a job sent there next must find its scope's events live, not a stream whose
            // reconnect backoff grew during the outage (it ran for seconds with no progress shown).
            backend.Scopes.ReconnectAll();
        }

        Raise(backend, previous, current);
    }

    private void MarkStart() => Interlocked.CompareExchange(ref _startedAt, _time.GetTimestamp(), 0);

    private void FirstAnswered() =>
        Interlocked.Exchange(ref _firstAnswers, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>After a round: the first time no backend is left unchecked, says so (log, <see cref="FirstCheck"/>).</summary>
    private void EndFirstCheck()
    {
        if (_firstCheck.Task.IsCompleted || AnyNotCheckedYet)
        {
            return;
        }

        var took = _time.GetElapsedTime(Interlocked.Read(ref _startedAt));
        FirstCheckTook = took;
        var up = Backends.Where(b => b.Health.IsUp).Select(b => b.Name).ToList();
        var down = Backends.Where(b => !b.Health.IsUp).Select(b => b.Name).ToList();
        _logger.LogInformation(
            "First check of the GPU servers finished in {Milliseconds:0} ms: {Up} up ({UpNames}), {Down} down ({DownNames}).",
            took.TotalMilliseconds, up.Count, string.Join(", ", up), down.Count, string.Join(", ", down));
        _firstCheck.TrySetResult(_time.GetUtcNow());
    }

    private void Raise(Backend backend, BackendHealth previous, BackendHealth current)
    {
        if (StateChanged is not { } handlers)
        {
            return;
        }

        // One handler at a time: a failing one (say, the scheduler's) must not keep the others from hearing of it.
        var change = new BackendStateChangedEventArgs(backend, previous, current);
        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<BackendStateChangedEventArgs>>())
        {
            try
            {
                handler(this, change);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A StateChanged handler failed for backend {Backend}.", backend.Name);
            }
        }
    }
}

namespace ComfyBot.Comfy.Streaming;

/// <summary>
/// Whether an event stream's connection is open, the task that those who need it wait on, and the backoff wait before
/// the next connect attempt, which <see cref="CutShortBackoff"/> ends early once the server is known to be back (or,
/// asked while an attempt runs, skips the next wait). Thread-safe.
/// </summary>
internal sealed class ConnectionState(TimeProvider time)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _backoffWait;
    private bool _wakeRequested;
    private volatile bool _open;

    /// <summary>Whether a connection is open now.</summary>
    public bool IsOpen => _open;

    /// <summary>Completes when a connection is open: the current one or, while none is, the next; cancelled by <see cref="End"/>.</summary>
    public Task Opened
    {
        get
        {
            lock (_gate)
            {
                return _opened.Task;
            }
        }
    }

    /// <summary>
    /// The server registered the connection: it is open now. Returns the source of <see cref="Opened"/>, which the
    /// caller completes once what those waiters must see first (the gap event) is published.
    /// </summary>
    public TaskCompletionSource Open()
    {
        lock (_gate)
        {
            _open = true;
            _wakeRequested = false;
            return _opened;
        }
    }

    /// <summary>The connection ended; true when it had been open (an outage starts), false after a failed connect.</summary>
    public bool Lost()
    {
        if (!_open)
        {
            return false;
        }

        lock (_gate)
        {
            _open = false;
            _opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return true;
    }

    /// <summary>Ends a backoff wait now; while a connect attempt runs, the next wait is skipped. Nothing while open.</summary>
    public void CutShortBackoff()
    {
        CancellationTokenSource? wait;
        lock (_gate)
        {
            if (_open)
            {
                return;
            }

            wait = _backoffWait;
            _backoffWait = null;

            // Asked while a connect attempt runs: should it fail, the next attempt goes without a wait.
            _wakeRequested = wait is null;
        }

        try
        {
            wait?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The wait ended on its own meanwhile; the loop is already connecting.
        }
    }

    /// <summary>Waits out <paramref name="delay"/>; false when <see cref="CutShortBackoff"/> cut it short (or had asked before it began).</summary>
    public async Task<bool> BackoffAsync(TimeSpan delay, CancellationToken stop)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
        lock (_gate)
        {
            if (_wakeRequested)
            {
                _wakeRequested = false;
                return false;
            }

            _backoffWait = wait;
        }

        try
        {
            await Task.Delay(delay, time, wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            lock (_gate)
            {
                if (_backoffWait == wait)
                {
                    _backoffWait = null;
                }
            }
        }
    }

    /// <summary>The stream was disposed: whoever still waits for a connection is cancelled.</summary>
    public void End()
    {
        lock (_gate)
        {
            _opened.TrySetCanceled();
        }
    }
}

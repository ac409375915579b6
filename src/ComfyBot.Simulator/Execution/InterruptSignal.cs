namespace ComfyBot.Simulator.Execution;

/// <summary>
/// ComfyUI's global interrupt flag. Setting it also cancels <see cref="Token"/>, so a step that is waiting
/// (for its pace or a hold) notices at once instead of at the end of the wait.
/// </summary>
internal sealed class InterruptSignal : IDisposable
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _cts = new();
    private bool _set;

    public bool IsSet
    {
        get
        {
            lock (_gate)
            {
                return _set;
            }
        }
    }

    public CancellationToken Token
    {
        get
        {
            lock (_gate)
            {
                return _cts.Token;
            }
        }
    }

    public void Set()
    {
        CancellationTokenSource cts;
        lock (_gate)
        {
            _set = true;
            cts = _cts;
        }

        try
        {
            cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // A new prompt replaced the token at this moment; the flag alone still stops it before its first step.
        }
    }

    /// <summary>Cleared when the next prompt starts, so interrupting an idle server does nothing.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _set = false;
            if (_cts.IsCancellationRequested)
            {
                _cts.Dispose();
                _cts = new CancellationTokenSource();
            }
        }
    }

    public void ThrowIfSet()
    {
        if (IsSet)
        {
            throw new ExecutionInterruptedException();
        }
    }

    public void Dispose() => _cts.Dispose();
}

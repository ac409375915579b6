namespace ComfyBot.Simulator.Execution;

/// <summary>
/// A test control: while held, a sampler that has reported <c>afterSteps</c> steps of its current node
/// waits before its next step. Tests use it to make "job running while others queue" deterministic
/// without real time. Holding again with a new count moves the hold point; an interrupt or a restart
/// ends the wait.
/// </summary>
internal sealed class SamplingGate
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _release;
    private int _afterSteps;

    public bool IsHeld
    {
        get
        {
            lock (_gate)
            {
                return _release is not null;
            }
        }
    }

    public void Hold(int afterSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSteps);
        TaskCompletionSource? previous;
        lock (_gate)
        {
            _afterSteps = afterSteps;
            previous = _release;
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        // Waiters wake up and check the new hold point.
        previous?.TrySetResult();
    }

    public void Release()
    {
        TaskCompletionSource? release;
        lock (_gate)
        {
            release = _release;
            _release = null;
        }

        release?.TrySetResult();
    }

    /// <summary>Waits while held and <paramref name="stepsDone"/> has reached the hold point.</summary>
    public async Task WaitAsync(int stepsDone, CancellationToken ct)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_release is null || stepsDone < _afterSteps)
                {
                    return;
                }

                wait = _release.Task;
            }

            await wait.WaitAsync(ct);
        }
    }
}

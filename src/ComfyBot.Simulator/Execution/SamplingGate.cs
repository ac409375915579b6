namespace ComfyBot.Simulator.Execution;

/// <summary>
/// A test control: while held, a sampler that has reported <c>afterSteps</c> steps of its current node
/// waits before its next step. Tests use it to make "job running while others queue" deterministic
/// without real time. An interrupt or a restart ends the wait.
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
        lock (_gate)
        {
            _afterSteps = afterSteps;
            _release ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
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

    /// <summary>Waits if held and <paramref name="stepsDone"/> has reached the hold point.</summary>
    public Task WaitAsync(int stepsDone, CancellationToken ct)
    {
        lock (_gate)
        {
            return _release is null || stepsDone < _afterSteps ? Task.CompletedTask : _release.Task.WaitAsync(ct);
        }
    }
}

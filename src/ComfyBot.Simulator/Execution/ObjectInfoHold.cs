namespace ComfyBot.Simulator.Execution;

/// <summary>
/// A test control: while held, GET /object_info (the whole catalogue) waits before it answers, as a real ComfyUI with
/// many custom nodes takes seconds to build it. Tests hold it to show what waits for a server's catalogue and what
/// does not (the bot's READY), on a signal rather than a timer. Releasing lets every held request answer.
/// </summary>
internal sealed class ObjectInfoHold
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _release;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds the next requests (and any held already) until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            if (_release is null)
            {
                _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Lets every held request answer; later ones answer at once.</summary>
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

    /// <summary>Completes once a request waits on the current hold (at once if one already does).</summary>
    public Task Arrived
    {
        get
        {
            lock (_gate)
            {
                return _arrived.Task;
            }
        }
    }

    /// <summary>Waits while held; returns at once otherwise.</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        Task release;
        lock (_gate)
        {
            if (_release is null)
            {
                return;
            }

            release = _release.Task;
            _arrived.TrySetResult();
        }

        await release.WaitAsync(ct);
    }
}

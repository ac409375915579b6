namespace ComfyBot.FakeDiscord;

/// <summary>
/// Lets tests await a condition on the fake's state instead of polling or sleeping: every change calls
/// <see cref="Notify"/>, which re-checks the pending conditions.
/// </summary>
internal sealed class StateSignal
{
    private readonly Lock gate = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> waiters = [];

    public async Task WaitAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (condition())
            {
                return;
            }

            waiters.Add((condition, done));
        }

        using var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        try
        {
            await done.Task;
        }
        finally
        {
            lock (gate)
            {
                waiters.RemoveAll(w => w.Done == done);
            }
        }
    }

    public void Notify()
    {
        lock (gate)
        {
            foreach (var (condition, done) in waiters)
            {
                bool met;
                try
                {
                    met = condition();
                }
                catch (Exception ex)
                {
                    // A test's condition threw: fail that test's wait, not the request that changed the state.
                    done.TrySetException(ex);
                    continue;
                }

                if (met)
                {
                    done.TrySetResult();
                }
            }
        }
    }
}

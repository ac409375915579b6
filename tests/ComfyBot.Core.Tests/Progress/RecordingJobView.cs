using System.Collections.Concurrent;
using ComfyBot.Core.Progress;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Core.Tests.Progress;

/// <summary>
/// A chat surface that records every send with the fake clock's time. By default each send succeeds at once;
/// queued answers make the next sends hang until released, fail, or report a rate limit.
/// </summary>
internal sealed class RecordingJobView(TimeProvider time) : IJobView
{
    private readonly ConcurrentQueue<Func<ReplyState, CancellationToken, ValueTask<ReplySendResult>>> _answers = new();
    private readonly Lock _gate = new();
    private readonly List<(ReplyState State, DateTimeOffset At)> _calls = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile TaskCompletionSource<ReplySendResult>? _finalHold;
    private volatile Exception? _finalError;
    private int _inFlight;

    public int MaxInFlight { get; private set; }

    public IReadOnlyList<(ReplyState State, DateTimeOffset At)> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<string> Texts => [.. Calls.Select(c => c.State.Text)];

    /// <summary>The next send hangs until the returned source is completed (or the send is cancelled).</summary>
    public TaskCompletionSource<ReplySendResult> HoldNext()
    {
        // No RunContinuationsAsynchronously: releasing runs the throttle's continuation inline, so the test
        // observes its effect right after SetResult.
        var release = new TaskCompletionSource<ReplySendResult>();
        _answers.Enqueue(async (_, ct) =>
        {
            await using var registration = ct.Register(() => release.TrySetCanceled(ct));
            return await release.Task;
        });
        return release;
    }

    /// <summary>Every final state's send hangs until the returned source is completed (or the send is cancelled).</summary>
    public TaskCompletionSource<ReplySendResult> HoldFinal()
    {
        var release = new TaskCompletionSource<ReplySendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _finalHold = release;
        return release;
    }

    /// <summary>Every final state's send fails with <paramref name="error"/>.</summary>
    public void FailFinals(Exception error) => _finalError = error;

    public void FailNext(Exception error) => _answers.Enqueue((_, _) => ValueTask.FromException<ReplySendResult>(error));

    public void UnavailableNext(int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _answers.Enqueue((_, _) => ValueTask.FromResult(ReplySendResult.Unavailable(new HttpRequestException("Connection refused"))));
        }
    }

    public void RateLimitNext(TimeSpan retryAfter) =>
        _answers.Enqueue((_, _) => ValueTask.FromResult(ReplySendResult.RateLimited(retryAfter)));

    public async ValueTask<ReplySendResult> ShowAsync(ReplyState state, CancellationToken cancellationToken)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _calls.Add((state, time.GetUtcNow()));
            MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
        try
        {
            if (state.IsFinal && _finalError is { } error)
            {
                throw error;
            }

            if (state.IsFinal && _finalHold is { } hold)
            {
                return await hold.Task.WaitAsync(cancellationToken);
            }

            return _answers.TryDequeue(out var answer) ? await answer(state, cancellationToken) : ReplySendResult.Sent;
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }

    /// <summary>Waits (with a hang guard only) until at least <paramref name="count"/> sends were made.</summary>
    public async Task WaitForCallsAsync(int count)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_calls.Count >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(HangGuard);
        }
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Core.Progress;

/// <summary>
/// Paces the edits of one reply message. States are posted as fast as the job produces them; the newest one wins,
/// at most one send starts per <see cref="ReplyThrottleOptions.Interval"/>, never two at once, a rate-limit answer
/// is waited out, and the final state is always sent last (retried with backoff, then reported through
/// <see cref="Completion"/>: its <see cref="FinalDelivery"/> keeps that account). It holds no thread: between sends it
/// is a timer or nothing at all, so thousands of messages can be paced at once. A place-in-line state
/// (<see cref="ReplyState.Place"/>) also waits for a slot of the shared <see cref="ReplyEditSlots"/>, when one is given
/// (its <see cref="PlaceEditTurn"/>), so that a long queue's place edits cannot crowd out the running and final edits
/// (and the interaction callbacks) of every other reply; while it waits, newer states replace it, and a running or
/// final state does not wait at all.
/// </summary>
public sealed partial class ReplyThrottle : IAsyncDisposable
{
    private static readonly TimeSpan MinimumRateLimitWait = TimeSpan.FromMilliseconds(50);

    private readonly IJobView _view;
    private readonly TimeProvider _time;
    private readonly ReplyThrottleOptions _options;
    private readonly ILogger _logger;
    private readonly PlaceEditTurn? _placeTurn;
    private readonly Lock _gate = new();
    private readonly DateTimeOffset _createdAt;

    // Both made only when needed (issue 15): a queued reply between edits holds neither. The stop source lives for one
    // run of sends (a view's HTTP call leaves a spent registration node in it); the final delivery is made when someone
    // asks for the completion, the final state meets trouble, or an outcome is reported.
    private CancellationTokenSource? _stopping;
    private FinalDelivery? _final;

    private ReplyState? _pending;
    private bool _finalPosted;
    private bool _sending;
    private bool _disposed;
    private ITimer? _timer;
    private TaskCompletionSource? _settled;
    private DateTimeOffset? _lastSendStart;
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    /// <summary>
    /// Paces the edits of the message behind <paramref name="view"/>; its place-in-line edits take a slot of
    /// <paramref name="placeSlots"/> (shared by every reply) when one is given.
    /// </summary>
    public ReplyThrottle(IJobView view, TimeProvider timeProvider, ReplyThrottleOptions? options = null, ILogger? logger = null, ReplyEditSlots? placeSlots = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options ?? new ReplyThrottleOptions();
        _view = view;
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        _placeTurn = placeSlots is null ? null : new PlaceEditTurn(placeSlots, this);
        _createdAt = timeProvider.GetUtcNow();
    }

    /// <summary>
    /// Completes once the final state is on the message (<see cref="ReplyOutcome.Delivered"/>), when every retry of it
    /// failed (<see cref="ReplyOutcome.Failed"/>), or when the throttle is disposed first (<see cref="ReplyOutcome.Abandoned"/>).
    /// Never faults.
    /// </summary>
    public Task<ReplyDelivery> Completion
    {
        get
        {
            lock (_gate)
            {
                return Final.Completion;
            }
        }
    }

    /// <summary>
    /// Offers <paramref name="state"/> to the message without waiting: it replaces any state not yet sent. Returns
    /// false when it is ignored because a final state was already posted or the throttle is disposed.
    /// </summary>
    public bool Post(ReplyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ReplyState? sendNow;
        lock (_gate)
        {
            if (_disposed || _finalPosted)
            {
                return false;
            }

            _pending = state;
            _finalPosted = state.IsFinal;
            if (state.IsFinal && _lastSendStart is null && _timer is not null)
            {
                // The first edit was only held by FirstEditDelay, which never holds a final state.
                _timer.Dispose();
                _timer = null;
            }

            if (_sending || _timer is not null)
            {
                // The send in flight or the armed timer picks the newest state up when it is due.
                return true;
            }

            sendNow = PlanLocked();
        }

        Start(sendNow);
        return true;
    }

    /// <summary>Posts <paramref name="finalState"/> and waits until it is delivered or reported failed.</summary>
    /// <exception cref="ArgumentException"><paramref name="finalState"/> is not final.</exception>
    /// <exception cref="InvalidOperationException">A final state was already posted, or the throttle is disposed.</exception>
    public Task<ReplyDelivery> FinishAsync(ReplyState finalState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finalState);
        if (!finalState.IsFinal)
        {
            throw new ArgumentException("FinishAsync takes a final state; build it with ReplyState.Final(...) or set IsFinal.", nameof(finalState));
        }

        if (!Post(finalState))
        {
            throw new InvalidOperationException("This reply already has a final state (or its throttle is disposed); post only one final state per message.");
        }

        return Completion.WaitAsync(cancellationToken);
    }

    /// <summary>Stops pacing: cancels the send in flight, waits for it to end and reports an unsent final state as abandoned.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? inFlight = null;
        CancellationTokenSource? stopping = null;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer?.Dispose();
            _timer = null;
            if (_sending)
            {
                inFlight = _settled?.Task;
                stopping = _stopping;
            }
        }

        if (stopping is not null)
        {
            // Not disposed: the send loop still reads it until it settles, and a source without a timer holds nothing
            // that needs disposing.
            await stopping.CancelAsync().ConfigureAwait(false);
        }

        if (inFlight is not null)
        {
            await inFlight.ConfigureAwait(false);
        }

        lock (_gate)
        {
            Final.Abandoned();
        }
    }

    // Called under the gate.
    private FinalDelivery Final => _final ??= new FinalDelivery(_options);

    // Called under the gate with nothing in flight and no timer armed: sends now when due, otherwise arms the timer.
    private ReplyState? PlanLocked()
    {
        if (_pending is null || _disposed)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        var due = _lastSendStart is { } last ? last + _options.Interval
            : _pending.IsFinal ? now
            : _createdAt + _options.FirstEditDelay;
        if (_notBefore > due)
        {
            due = _notBefore;
        }

        if (due > now)
        {
            _timer = _time.CreateTimer(static self => ((ReplyThrottle)self!).OnDue(), this, due - now, Timeout.InfiniteTimeSpan);
            return null;
        }

        // A place state waits for a shared slot; newer states replace it while it waits.
        if (_placeTurn is not null && !_placeTurn.Allows(_pending, first: _lastSendStart is null))
        {
            return null;
        }

        var state = _pending;
        _pending = null;
        _sending = true;
        _settled ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stopping ??= new CancellationTokenSource();
        _lastSendStart = now;
        return state;
    }

    /// <summary>
    /// Called by <see cref="ReplyEditSlots"/> with a free slot, outside its lock: sends the newest state and keeps the
    /// slot, or declines (false) when nothing needs it any more (a final state went meanwhile, the reply is disposed,
    /// a send is in flight, or the next edit is not due yet and its timer will ask again).
    /// </summary>
    internal bool OfferSlot()
    {
        ReplyState? sendNow;
        lock (_gate)
        {
            var turn = _placeTurn!;
            turn.Offered();
            if (_disposed || _sending || _timer is not null)
            {
                return false;
            }

            turn.Take();
            sendNow = PlanLocked();
            if (sendNow is null)
            {
                turn.Leave();
                return false;
            }
        }

        // Not inline: the slot was released at the end of another reply's send, and a chain of replies answering at
        // once would otherwise nest one frame per reply.
        _ = Task.Run(() => SendLoopAsync(sendNow));
        return true;
    }

    private void OnDue()
    {
        ReplyState? sendNow;
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            if (_sending)
            {
                return;
            }

            sendNow = PlanLocked();
        }

        Start(sendNow);
    }

    private void Start(ReplyState? state)
    {
        if (state is not null)
        {
            // Fire and forget is safe: the loop catches everything, and DisposeAsync waits on _settled instead.
            _ = SendLoopAsync(state);
        }
    }

    // Sends until nothing is due at once. A loop rather than a call per send: with a zero interval and a view that
    // answers synchronously, a busy message would otherwise recurse one frame per edit.
    private async Task SendLoopAsync(ReplyState first)
    {
        // Set under the gate by the PlanLocked that started this run, and kept until its Settle.
        var stopping = _stopping!;
        var state = first;
        while (state is not null)
        {
            ReplySendResult result = default;
            Exception? error = null;
            try
            {
                // ConfigureAwait(false): settle the send on whichever thread finished it, never queue behind a caller's context.
                result = await _view.ShowAsync(state, stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                bool release;
                lock (_gate)
                {
                    release = _placeTurn?.Leave() ?? false;
                    Settle();
                }

                if (release)
                {
                    _placeTurn!.GiveBack();
                }

                return;
            }
            catch (Exception ex)
            {
                error = ex;
            }

            state = Completed(state, result, error);
        }
    }

    // Called under the gate when no send is in flight any more.
    private void Settle()
    {
        _sending = false;
        _settled?.TrySetResult();
        _settled = null;
        _stopping = null;
    }

    // Settles one send and returns the next state to send at once, if any.
    private ReplyState? Completed(ReplyState state, ReplySendResult result, Exception? error)
    {
        ReplyState? next;
        bool release;
        lock (_gate)
        {
            release = _placeTurn?.Leave() ?? false;
            next = Decide(state, result, error);
            if (next is null)
            {
                Settle();
            }
        }

        if (release)
        {
            _placeTurn!.GiveBack();
        }

        return next;
    }

    // Called under the gate after a send: records its outcome and picks the state to send at once, if any.
    private ReplyState? Decide(ReplyState state, ReplySendResult result, Exception? error)
    {
        _sending = false;
        var now = _time.GetUtcNow();
        if ((error ?? result.Outage) is { } failure)
        {
            if (!state.IsFinal)
            {
                // A newer state is coming anyway; the final one repairs whatever this edit left behind.
                LogProgressSendFailed(_logger, failure);
            }
            else
            {
                var verdict = error is not null ? Final.AfterError(error, now) : Final.AfterOutage(failure, now);
                if (GaveUp(verdict))
                {
                    return null;
                }

                _notBefore = verdict.NotBefore;
                _pending = state;
            }
        }
        else if (result.RetryAfter is { } retryAfter)
        {
            // A zero retry-after would resend at once, over and over, while the service keeps refusing.
            _notBefore = now + (retryAfter > MinimumRateLimitWait ? retryAfter : MinimumRateLimitWait);
            if (state.IsFinal && GaveUp(Final.AfterRateLimit()))
            {
                return null;
            }

            // Nothing changed on the message: resend this state unless a newer one replaced it meanwhile.
            _pending ??= state;
        }
        else if (state.IsFinal)
        {
            Final.Delivered();
            return null;
        }

        return _timer is null ? PlanLocked() : null;
    }

    // Called under the gate: logs the final state's failure when the verdict gave up.
    private bool GaveUp(FinalDelivery.Verdict verdict)
    {
        if (verdict.Failed is not { } failed)
        {
            return false;
        }

        LogFinalSendFailed(_logger, verdict.LoggedAttempts, failed.Error!);
        Final.Report(failed);
        return true;
    }
}

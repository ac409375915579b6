namespace ComfyBot.Discord.Rest.RateLimits;

/// <summary>
/// One Discord rate-limit bucket. Until a response has taught its limit, it lets one request through at a time;
/// afterwards it hands out the remaining slots of the current window and makes callers wait for the reset.
/// </summary>
internal sealed class RateLimitBucket(TimeProvider time)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private bool _known;
    private bool _unlimited;
    private bool _probeInFlight;
    private bool _retired;
    private int _limit = 1;
    private int _remaining;
    private DateTimeOffset _resetAt;
    private DateTimeOffset _pausedUntil;
    private TimeSpan _window = TimeSpan.FromSeconds(1);
    private int _inFlight;

    /// <summary>When this bucket was last used; idle buckets are dropped by the registry.</summary>
    public DateTimeOffset LastUsed { get; private set; } = time.GetUtcNow();

    /// <summary>True while a request holds a slot, so the registry must keep the bucket.</summary>
    public bool IsBusy
    {
        get
        {
            lock (_gate)
            {
                return _inFlight > 0 || _probeInFlight;
            }
        }
    }

    /// <summary>
    /// True when forgetting the bucket loses nothing a later request needs: nothing in flight, no 429 pause
    /// pending, and the window it learnt is over (the next request would start a fresh one anyway).
    /// </summary>
    public bool IsSpent(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _inFlight == 0 && !_probeInFlight && now >= _resetAt && now >= _pausedUntil;
        }
    }

    /// <summary>
    /// Waits for a slot. Returns false when the bucket was retired (its route moved to a shared bucket) while
    /// waiting; the caller then resolves the route again.
    /// </summary>
    public async ValueTask<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task? signal = null;
            var wait = TimeSpan.Zero;
            lock (_gate)
            {
                var now = time.GetUtcNow();
                LastUsed = now;
                if (_retired)
                {
                    return false;
                }

                if (now < _pausedUntil)
                {
                    // A 429 outranks whatever the headers of responses still in flight say.
                    wait = _pausedUntil - now;
                    signal = _changed.Task;
                }
                else if (_unlimited)
                {
                    _inFlight++;
                    return true;
                }
                else if (!_known)
                {
                    if (!_probeInFlight)
                    {
                        _probeInFlight = true;
                        _inFlight++;
                        return true;
                    }

                    signal = _changed.Task;
                }
                else
                {
                    if (now >= _resetAt)
                    {
                        // The window has passed without a response telling us the next one: assume a full window
                        // of the last known length, so a burst cannot outrun the server before its headers arrive.
                        _remaining = _limit;
                        _resetAt = now + _window;
                    }

                    if (_remaining > 0)
                    {
                        _remaining--;
                        _inFlight++;
                        return true;
                    }

                    wait = _resetAt - now;
                    signal = _changed.Task;
                }
            }

            if (wait > TimeSpan.Zero)
            {
                // Wake on the reset or when a 429 or retirement changes the picture, whichever comes first.
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(wait, time, cts.Token);
                await Task.WhenAny(delay, signal!).WaitAsync(cancellationToken);
                await cts.CancelAsync();
            }
            else
            {
                await signal!.WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>Frees the slot a request held, whether or not an answer arrived.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _inFlight = Math.Max(0, _inFlight - 1);
            _probeInFlight = false;
            Signal();
        }
    }

    /// <summary>
    /// Takes what a response said about this bucket. Only a successful answer without a bucket header proves the
    /// route has no per-route limit (<paramref name="answered"/>); errors often lack the headers.
    /// </summary>
    public void Update(RateLimitHeaders headers, bool answered)
    {
        lock (_gate)
        {
            if (headers.Remaining is { } remaining && headers.ResetAfter is { } resetAfter)
            {
                var now = time.GetUtcNow();
                var sameWindow = _known && !_unlimited && now < _resetAt;
                _limit = Math.Max(1, headers.Limit ?? Math.Max(_limit, remaining));
                // Within one window, requests still in flight already took slots the server has not counted yet.
                _remaining = sameWindow ? Math.Min(_remaining, remaining) : remaining;
                _resetAt = now + resetAfter;
                if (resetAfter > TimeSpan.Zero)
                {
                    _window = resetAfter;
                }

                _known = true;
                _unlimited = false;
            }
            else if (answered && !_known && headers.Bucket is null)
            {
                // Discord sends no bucket for routes without a per-route limit.
                _known = true;
                _unlimited = true;
            }

            Signal();
        }
    }

    /// <summary>A 429 for this bucket: nothing goes out before <paramref name="retryAfter"/> has passed.</summary>
    public void Pause(TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var until = now + retryAfter;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }

            if (!_known)
            {
                // What the 429 taught is all we know: one request per retry_after until a success says more.
                _known = true;
                _unlimited = false;
                _limit = 1;
                _remaining = 1;
                _resetAt = until;
            }

            Signal();
        }
    }

    /// <summary>
    /// Retires the bucket when forgetting it loses nothing the server will not say again: nothing in flight or
    /// waiting out a 429, and the next request may go at once (slots left in the window, the window over, or no
    /// per-route limit). A new bucket for the same route then lets its first request through alone and learns the
    /// window from that answer. False, and the bucket stays, when it is empty inside its window.
    /// </summary>
    public bool TryRetireWithSlotsLeft()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_inFlight > 0 || _probeInFlight || now < _pausedUntil || (_known && !_unlimited && _remaining == 0 && now < _resetAt))
            {
                return false;
            }

            _retired = true;
            Signal();
            return true;
        }
    }

    /// <summary>Marks the bucket as replaced; waiters return and resolve their route again.</summary>
    public void Retire()
    {
        lock (_gate)
        {
            _retired = true;
            Signal();
        }
    }

    private void Signal()
    {
        var old = _changed;
        _changed = NewSignal();
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

namespace ComfyBot.Core.Progress;

/// <summary>
/// Bounds how many place-in-line edits (<see cref="ReplyState.Place"/>) are in flight at once across all the replies
/// that share it. A long queue re-shows thousands of places; sent all at once they took every connection and the
/// thread pool while interaction callbacks and final edits waited behind them (issue 15: 2,927 place edits inside
/// HTTP requests at once, and acknowledgements missing Discord's 3-second window). Only place edits take a slot:
/// a running state or a final state is sent at once, and a reply waiting for a slot keeps taking newer states, so
/// the one sent when its turn comes is its newest. A reply's first edit (its first visible state after the deferral)
/// and the front places (<see cref="FrontPlaces"/>) go first; the places further back take turns in the order they
/// asked. Ordering those by place too starved the back of a 10,000-job queue: nearer places kept arriving ahead of
/// it, and some replies had no edit for the whole 4-minute drain. Ordering them by when their place goes stale (has
/// moved by a quarter at the pace the line moves) starved the back the same way, only less: in two 10,000-job drains the
/// last replies went a minute without an edit, and the final's gap after the edit before it grew (p99 4.7 and 8.0 s
/// against 1.6-1.8 s in the order they asked; issue 15, session 14). In the order they asked, a reply waits at most
/// one pass through the line of those asking.
/// </summary>
public sealed class ReplyEditSlots
{
    private readonly Lock _gate = new();
    private readonly Queue<ReplyThrottle> _front = new();
    private readonly Queue<ReplyThrottle> _back = new();
    private int _inFlight;
    private int _maxInFlight;
    private long _waited;

    /// <summary>Allows <paramref name="capacity"/> place edits in flight at once; places up to <paramref name="frontPlaces"/> go first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1, or <paramref name="frontPlaces"/> below 0.</exception>
    public ReplyEditSlots(int capacity, int frontPlaces = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(frontPlaces);
        Capacity = capacity;
        FrontPlaces = frontPlaces;
    }

    /// <summary>The places whose edits go before those further back.</summary>
    public int FrontPlaces { get; }

    /// <summary>How many place edits may be in flight at once.</summary>
    public int Capacity { get; }

    /// <summary>The most place edits that were in flight at once so far.</summary>
    public int MaxInFlight
    {
        get { lock (_gate) { return _maxInFlight; } }
    }

    /// <summary>How many times a reply's place edit had to wait for a slot so far.</summary>
    public long Waited => Interlocked.Read(ref _waited);

    /// <summary>How many replies wait for a slot now.</summary>
    public int Queued
    {
        get { lock (_gate) { return _front.Count + _back.Count; } }
    }

    /// <summary>
    /// Takes a slot when one is free; otherwise queues <paramref name="reply"/> to be offered one later: first edits
    /// (<paramref name="first"/>) and front places before the places further back.
    /// </summary>
    internal bool TryEnter(ReplyThrottle reply, int place, bool first)
    {
        lock (_gate)
        {
            if (_inFlight < Capacity)
            {
                _maxInFlight = Math.Max(_maxInFlight, ++_inFlight);
                return true;
            }

            (first || place <= FrontPlaces ? _front : _back).Enqueue(reply);
            Interlocked.Increment(ref _waited);
            return false;
        }
    }

    /// <summary>
    /// Gives a slot back: it goes to the first waiting reply that still wants it (one that meanwhile sent a final
    /// state, or was disposed, declines). Called outside any reply's lock, since the offer takes the next reply's lock.
    /// </summary>
    internal void Release()
    {
        while (true)
        {
            ReplyThrottle? next;
            lock (_gate)
            {
                if (!_front.TryDequeue(out next) && !_back.TryDequeue(out next))
                {
                    _inFlight--;
                    return;
                }
            }

            if (next.OfferSlot())
            {
                return;
            }
        }
    }
}

namespace ComfyBot.Core.Progress;

/// <summary>
/// Bounds how many place-in-line edits (<see cref="ReplyState.Place"/>) are in flight at once across all the replies
/// that share it. A long queue re-shows thousands of places; sent all at once they took every connection and the
/// thread pool while interaction callbacks and final edits waited behind them (issue 15: 2,927 place edits inside
/// HTTP requests at once, and acknowledgements missing Discord's 3-second window). Only place edits take a slot:
/// a running state or a final state is sent at once, and a reply waiting for a slot keeps taking newer states, so
/// the one sent when its turn comes is its newest. Waiting replies get their turn front place first, and a reply's
/// first edit (its first visible state after the deferral) before any.
/// </summary>
public sealed class ReplyEditSlots
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<ReplyThrottle, (int Place, long Order)> _waiting = new();
    private long _order;
    private int _inFlight;
    private int _maxInFlight;
    private long _waited;

    /// <summary>Allows <paramref name="capacity"/> place edits in flight at once.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1.</exception>
    public ReplyEditSlots(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

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
        get { lock (_gate) { return _waiting.Count; } }
    }

    /// <summary>Takes a slot when one is free; otherwise queues <paramref name="reply"/> to be offered one later (front place first).</summary>
    internal bool TryEnter(ReplyThrottle reply, int priority)
    {
        lock (_gate)
        {
            if (_inFlight < Capacity)
            {
                _maxInFlight = Math.Max(_maxInFlight, ++_inFlight);
                return true;
            }

            _waiting.Enqueue(reply, (priority, _order++));
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
                if (!_waiting.TryDequeue(out next, out _))
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

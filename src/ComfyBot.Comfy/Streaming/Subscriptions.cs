using ComfyBot.Comfy.Events;

namespace ComfyBot.Comfy.Streaming;

/// <summary>
/// The subscriptions of one <see cref="ComfyEventStream"/>: each event is offered to every one (which keeps what it
/// wants), without a lock on the publishing path. Once closed, a new subscription is completed at once. Thread-safe.
/// </summary>
internal sealed class Subscriptions
{
    private readonly Lock _gate = new();
    private ComfyEventSubscription[] _all = [];
    private bool _closed;

    /// <summary>A subscription to every event (<paramref name="promptId"/> null) or to one prompt's events; completed already when closed.</summary>
    public ComfyEventSubscription Add(string? promptId)
    {
        var subscription = new ComfyEventSubscription(promptId, Remove);
        lock (_gate)
        {
            if (_closed)
            {
                subscription.Complete();
                return subscription;
            }

            _all = [.. _all, subscription];
        }

        return subscription;
    }

    public void Publish(ComfyEvent item)
    {
        var all = Volatile.Read(ref _all);
        foreach (var subscription in all)
        {
            subscription.Offer(item);
        }
    }

    /// <summary>Takes every subscription out (no event reaches them any more) and refuses new ones; the caller completes them.</summary>
    public ComfyEventSubscription[] Close()
    {
        lock (_gate)
        {
            _closed = true;
            var all = _all;
            _all = [];
            return all;
        }
    }

    private void Remove(ComfyEventSubscription subscription)
    {
        lock (_gate)
        {
            _all = [.. _all.Where(s => s != subscription)];
        }
    }
}

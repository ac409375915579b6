namespace ComfyBot.Comfy.Tracking;

/// <summary>
/// When a prompt that has not started yet looks at the server's /queue for its place, and which place to show.
/// ComfyUI broadcasts a <c>status</c> event on every queue change, with <c>queue_remaining</c> (pending plus running);
/// the place itself is only in /queue. Looks are at most one per <see cref="JobTrackerOptions.QueuePollInterval"/>,
/// but a change is never dropped: one that comes sooner is looked at as soon as the interval has passed, so a place
/// shown is at most one interval behind the server. A status that counts at most one prompt (ours) needs no look
/// while no place was shown: nothing is ahead, the prompt runs next, and there is nothing shown to correct.
/// </summary>
internal sealed class QueueWatch(TimeSpan interval, TimeProvider time)
{
    private long? _lastLook;
    private bool _changed;
    private JobQueued? _shown;

    /// <summary>Whether a queue change is waiting for its look (see <see cref="UntilDue"/>).</summary>
    public bool HasChange => _changed;

    /// <summary>A status event while the prompt waits: true when /queue should be read now.</summary>
    public bool OnStatus(int queueRemaining)
    {
        if (_shown is null && queueRemaining <= 1)
        {
            return false;
        }

        if (_lastLook is not { } last || time.GetElapsedTime(last) >= interval)
        {
            return true;
        }

        // Too soon after the last look: look once the interval has passed (never drop the change).
        _changed = true;
        return false;
    }

    /// <summary>How long until the waiting change may be looked at; null when none waits.</summary>
    public TimeSpan? UntilDue()
    {
        if (!_changed)
        {
            return null;
        }

        var left = _lastLook is { } last ? interval - time.GetElapsedTime(last) : TimeSpan.Zero;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>/queue was read now: every change so far is looked at.</summary>
    public void Looked()
    {
        _lastLook = time.GetTimestamp();
        _changed = false;
    }

    /// <summary>The place /queue gave; returns it when it differs from the one shown last (then it is shown), else null.</summary>
    public JobQueued? Show(JobQueued place)
    {
        if (place == _shown)
        {
            return null;
        }

        _shown = place;
        return place;
    }
}

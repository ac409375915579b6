namespace ComfyBot.Comfy.Tracking;

/// <summary>
/// What is known of when one prompt ran, for GPU-time accounting: the server's own timestamps of its
/// <c>execution_start</c> and of its end (<c>execution_success</c>, <c>execution_error</c> or
/// <c>execution_interrupted</c>, from the event stream or from /history), and when the caller last heard it running
/// (on the caller's clock). The tracker writes it while it follows the prompt; the caller may read it at any time,
/// also after it stopped following (a cancel, a server that went away). Thread-safe.
/// </summary>
public sealed class RunClock
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _started;
    private DateTimeOffset? _ended;
    private DateTimeOffset? _lastHeard;

    /// <summary>What is known now.</summary>
    public RunTimes Read()
    {
        lock (_gate)
        {
            return new RunTimes(_started, _ended, _lastHeard);
        }
    }

    /// <summary><c>execution_start</c> came with its timestamp (Unix milliseconds, the server's clock).</summary>
    internal void Started(long? timestamp)
    {
        lock (_gate)
        {
            _started = ToTime(timestamp) ?? _started;
        }
    }

    /// <summary>A terminal message came with its timestamp (Unix milliseconds, the server's clock).</summary>
    internal void Ended(long? timestamp)
    {
        lock (_gate)
        {
            _ended = ToTime(timestamp) ?? _ended;
        }
    }

    /// <summary>History's times, for what the event stream did not deliver (events missed, a caller that restarted).</summary>
    internal void FromHistory(DateTimeOffset? started, DateTimeOffset? ended)
    {
        lock (_gate)
        {
            _started ??= started;
            _ended ??= ended;
        }
    }

    /// <summary>The server showed the prompt running (an event of its run, or /queue listing it as running) at <paramref name="now"/>.</summary>
    internal void Heard(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_lastHeard is null || now > _lastHeard)
            {
                _lastHeard = now;
            }
        }
    }

    private static DateTimeOffset? ToTime(long? timestamp) =>
        timestamp is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}

/// <summary>A reading of <see cref="RunClock"/>.</summary>
/// <param name="ServerStartedAt">The server's <c>execution_start</c> timestamp; null when it was not seen.</param>
/// <param name="ServerEndedAt">The server's timestamp of the run's end; null when it was not seen.</param>
/// <param name="LastHeardRunning">When the caller last heard the prompt running, on the caller's clock; null when never.</param>
public sealed record RunTimes(DateTimeOffset? ServerStartedAt, DateTimeOffset? ServerEndedAt, DateTimeOffset? LastHeardRunning)
{
    /// <summary>No times at all.</summary>
    public static RunTimes None { get; } = new(null, null, null);

    /// <summary>How long the server says the run took, from its own start and end; null unless both are known and in order.</summary>
    public TimeSpan? Reported => ServerEndedAt - ServerStartedAt is { } run && run >= TimeSpan.Zero ? run : null;
}

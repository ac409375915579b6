namespace ComfyBot.Comfy.Tracking;

/// <summary>How <see cref="JobTracker"/> polls when events are missing.</summary>
public sealed class JobTrackerOptions
{
    /// <summary>Poll /history and /queue when no event for the job arrived for this long.</summary>
    /// <value>Default 30 seconds; between 1 second and 1 hour.</value>
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The first wait before re-reading an empty history entry (ComfyUI writes history just after
    /// <c>execution_success</c>); it doubles per attempt.
    /// </summary>
    /// <value>Default 200 ms; between 0 and 10 seconds.</value>
    public TimeSpan HistoryRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How many times an empty history entry is re-read before the job counts as lost.</summary>
    /// <value>Default 5; between 0 and 20.</value>
    public int HistoryRetryAttempts { get; set; } = 5;

    /// <summary>
    /// The shortest time between two /queue polls caused by queue-change (status) events. A change that comes sooner is
    /// read once this has passed since the last poll, never dropped: a server place shown is at most this late.
    /// </summary>
    /// <value>Default 1 second; between 0 and 1 minute.</value>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Node classes whose binary image frames are outputs, not previews: they send their image only over the WebSocket
    /// and ComfyUI keeps no file of it. A frame is told apart by the node that sent it: the metadata's <c>node_id</c>
    /// (type 4), else the node running when it arrived (type 1).
    /// </summary>
    /// <value>Default <c>SaveImageWebsocket</c> (ComfyUI's own websocket_image_save node).</value>
    public ISet<string> WebSocketImageNodes { get; } = new HashSet<string>(StringComparer.Ordinal) { "SaveImageWebsocket" };

    /// <summary>Every setting that cannot work, each named under <paramref name="section"/> with its fix; empty when all can.</summary>
    /// <param name="section">Where the settings come from, e.g. <c>ComfyBot:Backends:0:Http</c>.</param>
    public IReadOnlyList<string> Validate(string section = "JobTrackerOptions")
    {
        var errors = new List<string>();
        if (WatchdogInterval < TimeSpan.FromSeconds(1) || WatchdogInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{section}:WatchdogInterval is {WatchdogInterval}; set it between 00:00:01 and 01:00:00 (e.g. 00:00:30).");
        }

        if (HistoryRetryDelay < TimeSpan.Zero || HistoryRetryDelay > TimeSpan.FromSeconds(10))
        {
            errors.Add($"{section}:HistoryRetryDelay is {HistoryRetryDelay}; set it between 00:00:00 and 00:00:10 (e.g. 00:00:00.200).");
        }

        if (HistoryRetryAttempts is < 0 or > 20)
        {
            errors.Add($"{section}:HistoryRetryAttempts is {HistoryRetryAttempts}; set it between 0 and 20 (e.g. 5).");
        }

        if (QueuePollInterval < TimeSpan.Zero || QueuePollInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{section}:QueuePollInterval is {QueuePollInterval}; set it between 00:00:00 and 00:01:00 (e.g. 00:00:01).");
        }

        return errors;
    }
}

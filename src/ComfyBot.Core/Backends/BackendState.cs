namespace ComfyBot.Core.Backends;

/// <summary>Whether a backend answered its last health check.</summary>
public enum BackendState
{
    /// <summary>
    /// Its first health check has not answered yet (the bot just started; the check runs in the background, so READY
    /// does not wait for the slowest server's /object_info). Nothing is known of it: not that it is down, not what it
    /// can run. Whatever depends on it waits for the check instead of judging (see <see cref="BackendMonitor.FirstCheck"/>).
    /// </summary>
    NotCheckedYet,

    /// <summary>The last check reached the server.</summary>
    Up,

    /// <summary>The last check could not reach the server, or it answered with an error.</summary>
    Down,
}

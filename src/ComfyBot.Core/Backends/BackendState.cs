namespace ComfyBot.Core.Backends;

/// <summary>Whether a backend answered its last health check.</summary>
public enum BackendState
{
    /// <summary>Not checked yet.</summary>
    Unknown,

    /// <summary>The last check reached the server.</summary>
    Up,

    /// <summary>The last check could not reach the server, or it answered with an error.</summary>
    Down,
}

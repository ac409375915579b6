namespace ComfyBot.Core.Backends;

/// <summary>A backend went down, came back, or was seen for the first time.</summary>
/// <param name="backend">The backend whose state changed.</param>
/// <param name="previous">Its health before the check.</param>
/// <param name="current">Its health after the check.</param>
public sealed class BackendStateChangedEventArgs(Backend backend, BackendHealth previous, BackendHealth current) : EventArgs
{
    /// <summary>The backend whose state changed.</summary>
    public Backend Backend { get; } = backend;

    /// <summary>Its health before the check.</summary>
    public BackendHealth Previous { get; } = previous;

    /// <summary>Its health after the check.</summary>
    public BackendHealth Current { get; } = current;

    /// <summary>True when it was up and is not reachable now: jobs waiting on it should move.</summary>
    public bool WentDown => Previous.State == BackendState.Up && Current.State == BackendState.Down;

    /// <summary>True when it is up after being down (not after its first check).</summary>
    public bool CameBack => Previous.State == BackendState.Down && Current.State == BackendState.Up;
}

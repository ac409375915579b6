namespace ComfyBot.Discord.Gateway;

/// <summary>Where a shard's session is in its life.</summary>
public enum GatewaySessionState
{
    /// <summary>Not started yet.</summary>
    Idle,

    /// <summary>Connecting, identifying or resuming.</summary>
    Connecting,

    /// <summary>READY or RESUMED received; events flow.</summary>
    Ready,

    /// <summary>Waiting before the next connection attempt.</summary>
    Reconnecting,

    /// <summary>Stopped on request.</summary>
    Stopped,

    /// <summary>Stopped by a fatal close code; see <see cref="GatewaySession.FatalError"/>.</summary>
    Faulted,
}

namespace ComfyBot.Discord.Gateway;

/// <summary>How one connection ended and what the session does next.</summary>
/// <param name="Action">Resume, re-identify or stop.</param>
/// <param name="Reason">Why, for the log and for a fatal error's message.</param>
/// <param name="Established">Whether the connection got as far as READY or RESUMED.</param>
/// <param name="CloseCode">The server's close code, if it sent one.</param>
/// <param name="Delay">A wait the protocol asks for (op 9), instead of the backoff.</param>
internal readonly record struct GatewayConnectionOutcome(
    GatewayCloseAction Action,
    string Reason,
    bool Established,
    int? CloseCode = null,
    TimeSpan? Delay = null);

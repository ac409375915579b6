namespace ComfyBot.Discord.Gateway;

/// <summary>What a session does after its connection closed.</summary>
public enum GatewayCloseAction
{
    /// <summary>Reconnect to the resume URL and RESUME the same session.</summary>
    Resume,

    /// <summary>The session is gone: reconnect and IDENTIFY a new one.</summary>
    Reidentify,

    /// <summary>Configuration is wrong; retrying cannot help. Stop and tell the operator.</summary>
    Fatal,
}

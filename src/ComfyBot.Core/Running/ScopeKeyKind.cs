namespace ComfyBot.Core.Running;

/// <summary>What a job's ComfyUI client id (and event stream) is shared by.</summary>
public enum ScopeKeyKind
{
    /// <summary>One stream per channel: comfybot-&lt;instance&gt;-&lt;channel id&gt;.</summary>
    Channel,

    /// <summary>One stream per member: comfybot-&lt;instance&gt;-&lt;user id&gt;.</summary>
    User,
}

namespace ComfyBot.Hosting;

/// <summary>How console log lines are written (<c>ComfyBot:Logging:Format</c>).</summary>
internal enum LogFormat
{
    /// <summary>One readable line per entry, with the scopes (such as JobId) after the category.</summary>
    Simple,

    /// <summary>One JSON object per line, with the message template's values and the scopes as properties (for log shippers).</summary>
    Json,
}

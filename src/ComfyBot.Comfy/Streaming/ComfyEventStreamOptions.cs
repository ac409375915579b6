namespace ComfyBot.Comfy.Streaming;

/// <summary>How <see cref="ComfyEventStream"/> reconnects.</summary>
public sealed class ComfyEventStreamOptions
{
    /// <summary>The delay before the first reconnect attempt; it doubles per failed attempt, with jitter.</summary>
    /// <value>Default 1 second; between 0 and 1 minute.</value>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between reconnect attempts.</summary>
    /// <value>Default 30 seconds; at least <see cref="ReconnectInitialDelay"/>.</value>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Ask for previews with metadata (binary type 4), which name their prompt and node.</summary>
    /// <value>Default true.</value>
    public bool RequestPreviewMetadata { get; set; } = true;

    /// <summary>
    /// Headers sent with every WebSocket upgrade request, e.g. <c>Authorization</c> for a server behind an
    /// authenticating proxy. Empty by default. Values may be secrets: they never appear in messages or logs.
    /// </summary>
    public IDictionary<string, string> RequestHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The largest WebSocket message accepted (a SaveImageWebsocket PNG is the largest ComfyUI sends). A larger one ends
    /// the connection with <see cref="Http.ComfyResponseTooLargeException"/> logged, and the stream reconnects; memory
    /// never grows past it.
    /// </summary>
    /// <value>Default 64 MiB; between 64 KiB and 1 GiB.</value>
    public int MaxMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Every setting that cannot work, each named under <paramref name="section"/> with its fix; empty when all can.</summary>
    /// <param name="section">Where the settings come from, e.g. <c>ComfyBot:Backends:0:Http</c>.</param>
    public IReadOnlyList<string> Validate(string section = "ComfyEventStreamOptions")
    {
        var errors = new List<string>();
        foreach (var name in RequestHeaders.Keys)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c >= 127 || c == ':'))
            {
                errors.Add($"{section}:RequestHeaders has the header name '{name}'; use a plain HTTP header name such as 'Authorization'.");
            }
        }

        if (ReconnectInitialDelay < TimeSpan.Zero || ReconnectInitialDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{section}:ReconnectInitialDelay is {ReconnectInitialDelay}; set it between 00:00:00 and 00:01:00 (e.g. 00:00:01).");
        }

        if (ReconnectMaxDelay < ReconnectInitialDelay || ReconnectMaxDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{section}:ReconnectMaxDelay is {ReconnectMaxDelay}; set it between ReconnectInitialDelay ({ReconnectInitialDelay}) and 01:00:00 (e.g. 00:00:30).");
        }

        if (MaxMessageBytes is < 64 * 1024 or > 1024 * 1024 * 1024)
        {
            errors.Add($"{section}:MaxMessageBytes is {MaxMessageBytes}; set it between 65536 and 1073741824 (e.g. 67108864).");
        }

        return errors;
    }
}

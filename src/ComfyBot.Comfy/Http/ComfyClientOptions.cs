namespace ComfyBot.Comfy.Http;

/// <summary>How <see cref="ComfyClient"/> times out and retries its HTTP calls.</summary>
public sealed class ComfyClientOptions
{
    /// <summary>How long one HTTP attempt may take before it counts as failed and may be retried.</summary>
    /// <value>Default 30 seconds; between 100 ms and 10 minutes.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt, for calls that may be retried.</summary>
    /// <value>Default 3; between 0 and 20.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later delays grow exponentially, with jitter.</summary>
    /// <value>Default 500 ms; between 0 and 1 minute.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between two attempts.</summary>
    /// <value>Default 10 seconds; at least <see cref="RetryBaseDelay"/>.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most a single answer may hold: a file from GET /view, or a JSON answer (/object_info, /history). Past it the
    /// read stops and <see cref="ComfyResponseTooLargeException"/> is thrown, so a broken server cannot fill memory.
    /// </summary>
    /// <value>Default 256 MiB; between 1 MiB and 4 GiB.</value>
    public long MaxResponseBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The most of an error answer's body read for its message; the rest is left unread.</summary>
    /// <value>Default 4 KiB; between 256 bytes and 1 MiB.</value>
    public int MaxErrorBodyBytes { get; set; } = 4096;

    /// <summary>Every setting that cannot work, each named under <paramref name="section"/> with its fix; empty when all can.</summary>
    /// <param name="section">Where the settings come from, e.g. <c>ComfyBot:Backends:0:Http</c>.</param>
    public IReadOnlyList<string> Validate(string section = "ComfyClientOptions")
    {
        var errors = new List<string>();
        if (RequestTimeout < TimeSpan.FromMilliseconds(100) || RequestTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{section}:RequestTimeout is {RequestTimeout}; set it between 00:00:00.100 and 00:10:00 (e.g. 00:00:30).");
        }

        if (MaxRetries is < 0 or > 20)
        {
            errors.Add($"{section}:MaxRetries is {MaxRetries}; set it between 0 and 20 (e.g. 3).");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{section}:RetryBaseDelay is {RetryBaseDelay}; set it between 00:00:00 and 00:01:00 (e.g. 00:00:00.500).");
        }

        if (MaxRetryDelay < RetryBaseDelay)
        {
            errors.Add($"{section}:MaxRetryDelay ({MaxRetryDelay}) is below RetryBaseDelay ({RetryBaseDelay}); raise it (e.g. 00:00:10).");
        }

        if (MaxResponseBytes < 1024 * 1024 || MaxResponseBytes > 4L * 1024 * 1024 * 1024)
        {
            errors.Add($"{section}:MaxResponseBytes is {MaxResponseBytes}; set it between 1048576 (1 MiB) and 4294967296 (4 GiB) (e.g. 268435456).");
        }

        if (MaxErrorBodyBytes is < 256 or > 1024 * 1024)
        {
            errors.Add($"{section}:MaxErrorBodyBytes is {MaxErrorBodyBytes}; set it between 256 and 1048576 (e.g. 4096).");
        }

        return errors;
    }
}

namespace ComfyBot.Core.Backends;

/// <summary>How often <see cref="BackendMonitor"/> checks the backends (<c>ComfyBot:BackendMonitor:...</c>).</summary>
public sealed class BackendMonitorOptions
{
    /// <summary>Time between health checks. Default 5 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How old a catalogue (GET /object_info and the model lists) may get before it is read again. It is also read
    /// whenever a backend comes back up, since a restart may bring new nodes or models. Default 30 minutes.
    /// </summary>
    public TimeSpan CatalogueRefreshInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How old a server's lists (its catalogue) must be before a member's value missing from every list has them read
    /// again at the next health check, so a model file just copied onto a server is found without waiting for
    /// <see cref="CatalogueRefreshInterval"/>. Zero reads them again at every such miss. Default 1 minute.
    /// </summary>
    public TimeSpan CatalogueRereadOnMiss { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a backend marked faulty (it sent an answer, file or message over the client's caps: broken or hostile)
    /// stays down whatever its health checks say; the first healthy check after that brings it back. Default 5 minutes.
    /// </summary>
    public TimeSpan FaultHold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a decision that waits for the servers' first check (an /imagine sent in the first moments, see
    /// <see cref="BackendMonitor.WhenDecidableAsync"/>) waits at most. Past it the member is told the servers did not
    /// answer their first check in time and the request is not queued. Default 1 minute.
    /// </summary>
    public TimeSpan FirstCheckWait { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The model folders read with GET /models/{folder}; a folder the server does not know is skipped.</summary>
    public IList<string> ModelFolders { get; set; } =
        ["checkpoints", "loras", "vae", "upscale_models", "controlnet", "text_encoders", "diffusion_models", "clip_vision", "embeddings"];

    /// <summary>Every problem with these settings, each naming its key and the fix; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add($"ComfyBot:BackendMonitor:PollInterval is {PollInterval}; set it between 00:00:00.100 and 00:10:00 (default 00:00:05).");
        }

        if (CatalogueRefreshInterval < PollInterval || CatalogueRefreshInterval > TimeSpan.FromDays(7))
        {
            errors.Add($"ComfyBot:BackendMonitor:CatalogueRefreshInterval is {CatalogueRefreshInterval}; set it between PollInterval ({PollInterval}) and 7.00:00:00 (default 00:30:00).");
        }

        if (CatalogueRereadOnMiss < TimeSpan.Zero || CatalogueRereadOnMiss > CatalogueRefreshInterval)
        {
            errors.Add($"ComfyBot:BackendMonitor:CatalogueRereadOnMiss is {CatalogueRereadOnMiss}; set it between 00:00:00 and CatalogueRefreshInterval ({CatalogueRefreshInterval}) (default 00:01:00).");
        }

        if (FaultHold < TimeSpan.Zero || FaultHold > TimeSpan.FromDays(1))
        {
            errors.Add($"ComfyBot:BackendMonitor:FaultHold is {FaultHold}; set it between 00:00:00 and 1.00:00:00 (default 00:05:00).");
        }

        if (FirstCheckWait < TimeSpan.FromSeconds(1) || FirstCheckWait > TimeSpan.FromMinutes(30))
        {
            errors.Add($"ComfyBot:BackendMonitor:FirstCheckWait is {FirstCheckWait}; set it between 00:00:01 and 00:30:00 (default 00:01:00).");
        }

        if (ModelFolders is null || ModelFolders.Any(f => string.IsNullOrWhiteSpace(f) || f.Contains('/', StringComparison.Ordinal)))
        {
            errors.Add("ComfyBot:BackendMonitor:ModelFolders must list folder names such as checkpoints or loras, without empty entries or '/'.");
        }

        return errors;
    }
}

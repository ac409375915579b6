namespace ComfyBot.Cli;

/// <summary>What the CLI's exit status means, so scripts can tell failures apart.</summary>
internal enum ExitCode
{
    /// <summary>The job finished and its images were saved.</summary>
    Success = 0,

    /// <summary>ComfyUI ran the job and a node failed.</summary>
    GenerationFailed = 1,

    /// <summary>health: the endpoint answered other than 200, or not at all (Docker's HEALTHCHECK reads 1 as unhealthy).</summary>
#pragma warning disable CA1069 // Docker's contract is 0 healthy / 1 unhealthy; the name says which verb it belongs to.
    Unhealthy = 1,
#pragma warning restore CA1069

    /// <summary>The command line was wrong.</summary>
    Usage = 2,

    /// <summary>The workflow file or its parameters were refused (locally or by ComfyUI's validation).</summary>
    InvalidWorkflow = 3,

    /// <summary>ComfyUI could not be reached.</summary>
    BackendUnreachable = 4,

    /// <summary>The job was interrupted on the server.</summary>
    Interrupted = 5,

    /// <summary>The job vanished from the server (restart or deletion).</summary>
    Lost = 6,

    /// <summary>The configuration cannot start the bot (run), or check-config / register-commands found a problem.</summary>
    InvalidConfiguration = 7,

    /// <summary>The job ran to its end on the server but made no image (no saved output reached the client).</summary>
    NoImage = 8,

    /// <summary>The user pressed Ctrl+C.</summary>
    Cancelled = 130,
}

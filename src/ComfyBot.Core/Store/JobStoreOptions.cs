namespace ComfyBot.Core.Store;

/// <summary>Where the job store keeps its SQLite file (configuration section <c>ComfyBot:Store</c>).</summary>
public sealed class JobStoreOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "ComfyBot:Store";

    /// <summary>The SQLite file; its folder is created when missing. Relative paths are relative to the working folder.</summary>
    /// <value>Default: <c>comfybot.db</c>.</value>
    public string Path { get; set; } = "comfybot.db";

    /// <summary>How long an operation waits for another writer to finish before failing.</summary>
    /// <value>Default: 30 seconds.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a finished job (its row, parameters and input image) is kept once its reply is settled; older ones are
    /// deleted hourly. Buttons on a deleted job's message answer that it is no longer known.
    /// </summary>
    /// <value>Default: 30 days.</value>
    public TimeSpan KeepFinishedFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Every value that cannot work, each with its key and the fix; empty when all can.</summary>
    public IReadOnlyList<string> Validate()
    {
        // Plain checks rather than DataAnnotations: its Validator finds the attributes by reflection, which a trimmed
        // (Native AOT) build cannot keep reliably.
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
        {
            problems.Add("ComfyBot:Store:Path is empty: set it to the SQLite file the bot keeps its jobs in, e.g. data/comfybot.db.");
        }

        if (BusyTimeout < TimeSpan.FromSeconds(1) || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add("ComfyBot:Store:BusyTimeout must be between 00:00:01 and 00:10:00.");
        }

        if (KeepFinishedFor < TimeSpan.FromHours(1) || KeepFinishedFor > TimeSpan.FromDays(3650))
        {
            problems.Add("ComfyBot:Store:KeepFinishedFor must be between 01:00:00 (an hour) and 3650.00:00:00 (ten years), e.g. 30.00:00:00.");
        }

        if (Path?.Trim() == ":memory:")
        {
            problems.Add("ComfyBot:Store:Path is ':memory:', which would lose every job at restart: give a file path, e.g. data/comfybot.db.");
        }

        return problems;
    }
}

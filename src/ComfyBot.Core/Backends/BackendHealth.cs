namespace ComfyBot.Core.Backends;

/// <summary>What the last health check of a backend found.</summary>
/// <param name="State">Up, down, or not checked yet (<see cref="BackendState.NotCheckedYet"/>).</param>
/// <param name="CheckedAt">When the last check finished; null before the first.</param>
/// <param name="Since">When the backend entered <paramref name="State"/>.</param>
/// <param name="Error">Why the backend is down (or why its catalogue could not be refreshed); null when all is well.</param>
/// <param name="GpuName">The first device's name from GET /system_stats.</param>
/// <param name="VramTotal">The first device's memory in bytes.</param>
/// <param name="VramFree">The first device's free memory in bytes.</param>
/// <param name="QueueRunning">Prompts running on the server's queue (anyone's).</param>
/// <param name="QueuePending">Prompts waiting on the server's queue (anyone's).</param>
/// <param name="ForeignQueued">Prompts running or waiting that are not this bot instance's (e.g. the owner's web UI).</param>
/// <param name="CatalogueVersion">Bumped on every catalogue refresh; 0 while the catalogue is unknown.</param>
/// <param name="NodeClassCount">How many node classes the catalogue lists.</param>
public sealed record BackendHealth(
    BackendState State,
    DateTimeOffset? CheckedAt,
    DateTimeOffset? Since,
    string? Error,
    string? GpuName,
    long VramTotal,
    long VramFree,
    int QueueRunning,
    int QueuePending,
    int ForeignQueued,
    int CatalogueVersion,
    int NodeClassCount)
{
    /// <summary>The health of a backend whose first check has not answered yet.</summary>
    public static BackendHealth NotCheckedYet { get; } = new(BackendState.NotCheckedYet, null, null, null, null, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The same as <see cref="NotCheckedYet"/>: the name callers and tests used before the state was explicit.</summary>
    public static BackendHealth Unknown => NotCheckedYet;

    /// <summary>True when the last check reached the server.</summary>
    public bool IsUp => State == BackendState.Up;

    /// <summary>True until its first check answered: it is neither up nor down, and what it can run is not known.</summary>
    public bool IsNotCheckedYet => State == BackendState.NotCheckedYet;

    /// <summary>Everything on the server's queue, the bot's and others'.</summary>
    public int QueueLength => QueueRunning + QueuePending;
}

using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Store;

/// <summary>
/// Keeps the store from growing without end: deletes finished jobs whose reply is settled, with their input images,
/// once they are older than <see cref="JobStoreOptions.KeepFinishedFor"/>; a sweep at start, then one every hour.
/// </summary>
public sealed partial class JobRetention : IAsyncDisposable
{
    /// <summary>How often the sweep runs after the first.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    private readonly FinishedJobPurge _store;
    private readonly TimeSpan _keepFor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Creates the sweeper; call <see cref="Start"/> to run it.</summary>
    /// <param name="store">The store's deletion of what retention lets go.</param>
    /// <param name="keepFor">How long a finished job is kept (<see cref="JobStoreOptions.KeepFinishedFor"/>).</param>
    /// <param name="time">The clock for ages and the hourly sweep.</param>
    /// <param name="logger">Where each sweep that deleted something is logged.</param>
    public JobRetention(FinishedJobPurge store, TimeSpan keepFor, TimeProvider time, ILogger<JobRetention> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(keepFor, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _keepFor = keepFor;
        _time = time;
        _logger = logger;
    }

    /// <summary>Starts sweeping: now, then every <see cref="SweepInterval"/>. A second call does nothing.</summary>
    public void Start()
    {
        if (_loop is null)
        {
            var timer = new PeriodicTimer(SweepInterval, _time);
            // A busy or failing store only delays the cleanup; the next sweep tries again.
            _loop = Task.Run(() => PeriodicWork.RunAsync(timer, SweepOnceAsync, LogSweepFailed, _stop.Token), CancellationToken.None);
        }
    }

    /// <summary>Deletes what is old enough now; returns how many jobs went.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken = default)
    {
        var deleted = await _store.DeleteFinishedAsync(_time.GetUtcNow() - _keepFor, cancellationToken);
        if (deleted > 0)
        {
            LogSwept(deleted, _keepFor);
        }

        return deleted;
    }

    /// <summary>Stops sweeping and waits for a sweep in progress.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} finished job(s) older than {KeepFor} from the store.")]
    private partial void LogSwept(int count, TimeSpan keepFor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting old finished jobs failed; the next sweep, in an hour, tries again.")]
    private partial void LogSweepFailed(Exception error);
}

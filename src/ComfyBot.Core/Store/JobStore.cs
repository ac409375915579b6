using ComfyBot.Core.Jobs;
using ComfyBot.Core.Usage;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Core.Store;

/// <summary>
/// The jobs table: add a job, move it through its states, read it back. The truth a restart rebuilds from. The other
/// tables of the same file have their own types over the same <see cref="StoreDatabase"/>.
/// </summary>
/// <remarks>
/// Every write goes through the database's single writer (see <see cref="StoreDatabase"/>); a move that ends an
/// attempt writes its GPU run (<see cref="UsageStore"/>'s table) in the same transaction, and a job added with an
/// input image writes the image (<see cref="ImageStore"/>'s tables, which also read it back) in the same transaction.
/// The chat target column has its own writer, <see cref="ChatTargets"/>.
/// </remarks>
public sealed partial class JobStore : IDisposable
{
    private readonly StoreDatabase _database;

    /// <summary>The jobs table of <paramref name="database"/>.</summary>
    public JobStore(StoreDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>The file this store's tables are in, which the other table types share.</summary>
    internal StoreDatabase Database => _database;

    /// <summary>Every operation's time on the store's file (all its tables), for the soak's per-job figures.</summary>
    internal WorkCost Cost => _database.Cost;

    /// <summary>The full path of the SQLite file.</summary>
    public string Path => _database.Path;

    /// <summary>Opens the store's file (see <see cref="StoreDatabase.OpenAsync(JobStoreOptions, TimeProvider, CancellationToken)"/>) and its jobs table over it.</summary>
    /// <exception cref="JobStoreSchemaException">The file is not a SQLite database, or its schema is newer than this build.</exception>
    public static async Task<JobStore> OpenAsync(JobStoreOptions options, TimeProvider time, CancellationToken cancellationToken = default) =>
        new(await StoreDatabase.OpenAsync(options, time, cancellationToken));

    /// <summary>Opens the store with <paramref name="migrations"/> instead of the shipped ones (tests of the mechanism).</summary>
    internal static async Task<JobStore> OpenAsync(JobStoreOptions options, TimeProvider time, IReadOnlyList<string> migrations, CancellationToken cancellationToken = default) =>
        new(await StoreDatabase.OpenAsync(options, time, migrations, cancellationToken));

    /// <summary>
    /// Like <see cref="TryTransitionAsync(long, JobState, Func{Job, Job}?, CancellationToken)"/>, and when the move is
    /// made, stores <paramref name="run"/> (the GPU time of the attempt the move ends) in the same transaction, under the
    /// job's stored attempt number: a second record of the same attempt (a restart that saw its end again) is ignored.
    /// </summary>
    public Task<Job?> TryEndAttemptAsync(long id, JobState to, Func<Job, Job>? change, GpuRun? run, CancellationToken cancellationToken = default) =>
        MoveAsync(id, to, change, refuseQuietly: true, cancellationToken, run);

    /// <summary>As <see cref="TryEndAttemptAsync"/>, throwing where <see cref="TransitionAsync(long, JobState, Func{Job, Job}?, CancellationToken)"/> does.</summary>
    public async Task<Job> EndAttemptAsync(long id, JobState to, Func<Job, Job>? change, GpuRun? run, CancellationToken cancellationToken = default) =>
        await MoveAsync(id, to, change, refuseQuietly: false, cancellationToken, run) ?? throw NotFound(id);

    /// <summary>Closes the pooled connections to the file.</summary>
    public void Dispose() => _database.Dispose();
}

using ComfyBot.Core.Jobs;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Core.Store;

public sealed partial class JobStore
{
    private const string SelectJobs = $"SELECT {JobRows.Columns} FROM jobs ";

    /// <summary>A member's last submission (for cooldowns).</summary>
    internal const string LastSubmitSql = "SELECT MAX(created_at) FROM jobs WHERE owner_id = $owner;";

    /// <summary>The job with <paramref name="id"/>, or null.</summary>
    public async Task<Job?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return await ReadJobAsync(connection, null, id, cancellationToken);
    }

    /// <summary>
    /// What a restart must pick up again, in queue order: every job that is not final, and every final job whose message
    /// has not been delivered.
    /// </summary>
    public Task<IReadOnlyList<Job>> ListActiveAsync(CancellationToken cancellationToken = default) =>
        QueryJobsAsync(SelectJobs + "WHERE state < 3 OR final_delivered = 0 ORDER BY queue_order, id;", null, cancellationToken);

    /// <summary>
    /// A member's jobs: those not final, in queue order; or, with <paramref name="includeFinished"/>, also their finished
    /// ones, newest first, at most <paramref name="limit"/>.
    /// </summary>
    public Task<IReadOnlyList<Job>> ListByOwnerAsync(ulong memberId, bool includeFinished = false, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var sql = includeFinished
            ? SelectJobs + "WHERE owner_id = $owner ORDER BY id DESC LIMIT $limit;"
            : SelectJobs + "WHERE owner_id = $owner AND state < 3 ORDER BY queue_order, id LIMIT $limit;";
        return QueryJobsAsync(
            sql,
            p =>
            {
                p.AddWithValue("$owner", unchecked((long)memberId));
                p.AddWithValue("$limit", limit);
            },
            cancellationToken);
    }

    /// <summary>Jobs that reached a final state at or after <paramref name="since"/>, oldest first (for ETAs and per-backend statistics).</summary>
    public Task<IReadOnlyList<Job>> ListRecentFinishedAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        QueryJobsAsync(
            SelectJobs + "WHERE finished_at IS NOT NULL AND finished_at >= $since AND state >= 3 ORDER BY finished_at, id;",
            p => p.AddWithValue("$since", since.UtcTicks),
            cancellationToken);

    /// <summary>How many of the member's jobs are not final (waiting, submitted or running).</summary>
    public async Task<int> CountQueuedByOwnerAsync(ulong memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM jobs WHERE owner_id = $owner AND state < 3;";
        command.Parameters.AddWithValue("$owner", unchecked((long)memberId));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>When the member last submitted a job (its <see cref="Job.CreatedAt"/>), or null if never: for cooldowns.</summary>
    public async Task<DateTimeOffset?> GetLastSubmitTimeAsync(ulong memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = LastSubmitSql;
        command.Parameters.AddWithValue("$owner", unchecked((long)memberId));
        return await command.ExecuteScalarAsync(cancellationToken) is long ticks ? JobRows.Time(ticks) : null;
    }

    private async Task<IReadOnlyList<Job>> QueryJobsAsync(string sql, Action<SqliteParameterCollection>? bind, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind?.Invoke(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var jobs = new List<Job>();
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(JobRows.Read(reader));
        }

        return jobs;
    }

    private static async Task<Job?> ReadJobAsync(SqliteConnection connection, SqliteTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectJobs + "WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? JobRows.Read(reader) : null;
    }
}

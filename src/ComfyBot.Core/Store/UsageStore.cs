using ComfyBot.Core.Jobs;
using ComfyBot.Core.Usage;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Core.Store;

/// <summary>
/// What members used: the GPU time of each ended attempt (gpu_runs) and the jobs counted against daily quotas.
/// A run is written by <see cref="JobStore"/> in the transaction of the move that ends its attempt.
/// </summary>
/// <param name="database">The store's file.</param>
public sealed class UsageStore(StoreDatabase database)
{
    /// <summary>How long GPU runs are kept at least, whatever the retention of finished jobs: /usage shows a week.</summary>
    public static readonly TimeSpan KeepGpuRunsFor = TimeSpan.FromDays(8);

    /// <summary>
    /// The jobs that count against a member's daily jobs: every job not final or succeeded, and a job that failed, was
    /// cancelled or interrupted only when it ran (a cancel while it waited gives the job back).
    /// </summary>
    internal const string CountedJobs =
        "(j.state < 4 OR EXISTS (SELECT 1 FROM gpu_runs r WHERE r.job_id = j.id))";

    /// <summary>What <paramref name="memberId"/> used from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public async Task<MemberUsage> GetUsageAsync(ulong memberId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT (SELECT COUNT(*) FROM jobs j WHERE j.owner_id = $owner AND j.created_at >= $from AND j.created_at < $to AND {CountedJobs}), " +
            "(SELECT COALESCE(SUM(gpu_ms), 0) FROM gpu_runs WHERE owner_id = $owner AND ended_at >= $from AND ended_at < $to);";
        command.Parameters.AddWithValue("$owner", unchecked((long)memberId));
        command.Parameters.AddWithValue("$from", from.UtcTicks);
        command.Parameters.AddWithValue("$to", to.UtcTicks);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new MemberUsage(reader.GetInt32(0), TimeSpan.FromMilliseconds(reader.GetInt64(1)));
    }

    /// <summary>Every GPU run that ended from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first.</summary>
    public async Task<IReadOnlyList<GpuRun>> ListGpuRunsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT job_id, attempt, owner_id, owner_name, backend, ended_at, gpu_ms, measure FROM gpu_runs " +
            "WHERE ended_at >= $from AND ended_at < $to ORDER BY ended_at, job_id, attempt;";
        command.Parameters.AddWithValue("$from", from.UtcTicks);
        command.Parameters.AddWithValue("$to", to.UtcTicks);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<GpuRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new GpuRun(
                reader.GetInt64(0),
                reader.GetInt32(1),
                unchecked((ulong)reader.GetInt64(2)),
                reader.GetString(3),
                reader.GetString(4),
                JobRows.Time(reader.GetInt64(5)),
                TimeSpan.FromMilliseconds(reader.GetInt64(6)),
                Enum.TryParse<GpuMeasure>(reader.GetString(7), out var measure) ? measure : GpuMeasure.Reported));
        }

        return runs;
    }

    /// <summary>Per member, the jobs counted against daily quotas (see <see cref="GetUsageAsync"/>) created in the period, with their latest name.</summary>
    public async Task<IReadOnlyList<(ulong MemberId, string Name, int Jobs)>> CountJobsByMemberAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT j.owner_id, (SELECT owner_name FROM jobs k WHERE k.owner_id = j.owner_id ORDER BY k.id DESC LIMIT 1), COUNT(*) FROM jobs j " +
            $"WHERE j.created_at >= $from AND j.created_at < $to AND {CountedJobs} GROUP BY j.owner_id;";
        command.Parameters.AddWithValue("$from", from.UtcTicks);
        command.Parameters.AddWithValue("$to", to.UtcTicks);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<(ulong, string, int)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add((unchecked((ulong)reader.GetInt64(0)), reader.GetString(1), reader.GetInt32(2)));
        }

        return counts;
    }

    /// <summary>Stores <paramref name="run"/> under <paramref name="ended"/>'s stored attempt, in the caller's transaction; a second record of it is ignored.</summary>
    internal static async Task InsertGpuRunAsync(SqliteConnection connection, SqliteTransaction transaction, Job ended, GpuRun run, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO gpu_runs (job_id, attempt, owner_id, owner_name, backend, ended_at, gpu_ms, measure) " +
            "VALUES ($job, $attempt, $owner, $name, $backend, $ended, $ms, $measure) ON CONFLICT (job_id, attempt) DO NOTHING;";
        command.Parameters.AddWithValue("$job", ended.Id);
        command.Parameters.AddWithValue("$attempt", ended.Attempts);
        command.Parameters.AddWithValue("$owner", unchecked((long)ended.Owner.MemberId));
        command.Parameters.AddWithValue("$name", ended.Owner.DisplayName);
        command.Parameters.AddWithValue("$backend", run.Backend);
        command.Parameters.AddWithValue("$ended", run.EndedAt.UtcTicks);
        command.Parameters.AddWithValue("$ms", (long)Math.Max(0, Math.Round(run.GpuTime.TotalMilliseconds)));
        command.Parameters.AddWithValue("$measure", run.Measure.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

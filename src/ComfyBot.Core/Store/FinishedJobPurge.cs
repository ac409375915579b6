namespace ComfyBot.Core.Store;

/// <summary>
/// Deletes what retention lets go: finished, settled jobs past their age, the image links and images only they
/// referred to, and GPU runs past their own floor (<see cref="UsageStore.KeepGpuRunsFor"/>). <see cref="JobRetention"/>
/// runs it on a schedule.
/// </summary>
/// <param name="database">The store's file.</param>
public sealed class FinishedJobPurge(StoreDatabase database)
{
    /// <summary>
    /// Deletes jobs that finished before <paramref name="finishedBefore"/> and whose final message is settled, with
    /// their references to images; an image itself goes with the last job that refers to it. Jobs not final, or final but not yet delivered, are kept whatever their age; bans and the
    /// audit trail are not touched.
    /// </summary>
    /// <returns>How many jobs were deleted.</returns>
    public Task<int> DeleteFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                const string Old = "state >= 3 AND final_delivered = 1 AND finished_at < $before";
                var released = new HashSet<string>(StringComparer.Ordinal);
                await using (var links = connection.CreateCommand())
                {
                    links.Transaction = transaction;
                    links.CommandText = $"DELETE FROM job_images WHERE job_id IN (SELECT id FROM jobs WHERE {Old}) RETURNING sha256;";
                    links.Parameters.AddWithValue("$before", finishedBefore.UtcTicks);
                    await using var reader = await links.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        released.Add(reader.GetString(0));
                    }
                }

                // An image goes only with the last job that refers to it: a Re-roll kept may share its input with an old job.
                foreach (var key in released)
                {
                    await using var image = connection.CreateCommand();
                    image.Transaction = transaction;
                    image.CommandText = "DELETE FROM images WHERE sha256 = $key AND NOT EXISTS (SELECT 1 FROM job_images WHERE sha256 = $key);";
                    image.Parameters.AddWithValue("$key", key);
                    await image.ExecuteNonQueryAsync(cancellationToken);
                }

                // GPU runs have their own floor: /usage and the daily quotas read them, whatever the jobs' retention.
                await using (var runs = connection.CreateCommand())
                {
                    runs.Transaction = transaction;
                    runs.CommandText = "DELETE FROM gpu_runs WHERE ended_at < $runs_before;";
                    var floor = database.Now - UsageStore.KeepGpuRunsFor;
                    runs.Parameters.AddWithValue("$runs_before", (finishedBefore < floor ? finishedBefore : floor).UtcTicks);
                    await runs.ExecuteNonQueryAsync(cancellationToken);
                }

                await using var jobs = connection.CreateCommand();
                jobs.Transaction = transaction;
                jobs.CommandText = $"DELETE FROM jobs WHERE {Old};";
                jobs.Parameters.AddWithValue("$before", finishedBefore.UtcTicks);
                return await jobs.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
}

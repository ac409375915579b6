namespace ComfyBot.Core.Store;

public sealed partial class JobStore
{
    /// <summary>
    /// Deletes jobs that finished before <paramref name="finishedBefore"/> and whose final message is settled, with
    /// their input images. Jobs not final, or final but not yet delivered, are kept whatever their age; bans and the
    /// audit trail are not touched.
    /// </summary>
    /// <returns>How many jobs were deleted.</returns>
    public Task<int> DeleteFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                const string Old = "state >= 3 AND final_delivered = 1 AND finished_at < $before";
                await using var inputs = connection.CreateCommand();
                inputs.Transaction = transaction;
                inputs.CommandText = $"DELETE FROM job_inputs WHERE job_id IN (SELECT id FROM jobs WHERE {Old});";
                inputs.Parameters.AddWithValue("$before", finishedBefore.UtcTicks);
                await inputs.ExecuteNonQueryAsync(cancellationToken);

                await using var jobs = connection.CreateCommand();
                jobs.Transaction = transaction;
                jobs.CommandText = $"DELETE FROM jobs WHERE {Old};";
                jobs.Parameters.AddWithValue("$before", finishedBefore.UtcTicks);
                return await jobs.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
}

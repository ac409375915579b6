namespace ComfyBot.Core.Store;

/// <summary>
/// Where views save a job's chat target after every send that changed it: the one writer of the jobs table's
/// chat_target column. It writes to the job store while the store is open and drops the write after it closed:
/// replies still settling while the job service stops persist their targets, and none fails on a closed store. Kept
/// apart from the store because the views exist before it opens.
/// </summary>
public sealed class ChatTargets
{
    private StoreDatabase? _database;

    /// <summary>
    /// Saves <paramref name="json"/> as job <paramref name="jobId"/>'s chat target (nothing once the store closed): no
    /// version bump, so it never races the job's own writes, and no other write of the store touches it. The chat
    /// surface calls it after each send, so that a restarted bot continues the same reply.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No job has that id.</exception>
    public Task SaveAsync(long jobId, string json, CancellationToken cancellationToken) =>
        Volatile.Read(ref _database) is { } database ? WriteAsync(database, jobId, json, cancellationToken) : Task.CompletedTask;

    internal void Open(JobStore store) => Volatile.Write(ref _database, store.Database);

    internal void Close() => Volatile.Write(ref _database, null);

    private static async Task WriteAsync(StoreDatabase database, long id, string chatTarget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chatTarget);
        await using var writer = await database.OpenWriterAsync(cancellationToken);
        await using var command = writer.Connection.CreateCommand();
        command.CommandText = "UPDATE jobs SET chat_target = $chat_target WHERE id = $id;";
        command.Parameters.AddWithValue("$chat_target", chatTarget);
        command.Parameters.AddWithValue("$id", id);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new KeyNotFoundException($"Job #{id} is not in the job store.");
        }
    }
}

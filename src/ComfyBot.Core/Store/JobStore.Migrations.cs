using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Core.Store;

public sealed partial class JobStore
{
    private async Task MigrateAsync(IReadOnlyList<string> migrations, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        try
        {
            await EnableWalAsync(connection, cancellationToken);

            // Migration 4 keys the images it moves by their SHA-256, as JobStore.ImageKey does for new ones.
            connection.CreateFunction("comfybot_sha256", (byte[] content) => ImageKey(content), isDeterministic: true);
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);";
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 /* SQLITE_NOTADB */)
        {
            throw new JobStoreSchemaException(
                $"The job store file '{Path}' is not a SQLite database: point ComfyBot:Store:Path at a new file or at the bot's own store.", ex);
        }

        var latest = migrations.Count;
        var found = await ReadSchemaVersionAsync(connection, null, cancellationToken);
        EnsureKnown(found, latest);

        for (var version = found + 1; version <= latest; version++)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);

            // Another process may have migrated between our read and our lock.
            var now = await ReadSchemaVersionAsync(connection, transaction, cancellationToken);
            EnsureKnown(now, latest);
            if (now >= version)
            {
                await transaction.CommitAsync(cancellationToken);
                continue;
            }

            await using (var step = connection.CreateCommand())
            {
                step.Transaction = transaction;
                step.CommandText = migrations[version - 1];
                try
                {
                    await step.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (SqliteException ex)
                {
                    // Disposing the transaction rolls the step back, so the file stays whole at the previous version.
                    throw new JobStoreSchemaException(
                        $"Migration {version} of the job store '{Path}' failed and was rolled back; the file stays at schema version {version - 1}. " +
                        $"SQLite said: {ex.Message}", ex);
                }
            }

            await using (var mark = connection.CreateCommand())
            {
                mark.Transaction = transaction;
                mark.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $at);";
                mark.Parameters.AddWithValue("$version", version);
                mark.Parameters.AddWithValue("$at", Now.UtcTicks);
                await mark.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    private void EnsureKnown(int found, int latest)
    {
        if (found > latest)
        {
            throw new JobStoreSchemaException(
                $"The job store '{Path}' has schema version {found}, but this build of ComfyBot knows versions up to {latest}: " +
                "it was written by a newer ComfyBot. Run that version, or point ComfyBot:Store:Path at another file.");
        }
    }

    private async Task EnableWalAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new JobStoreSchemaException(
                $"SQLite would not put the job store '{Path}' in WAL mode (it stays '{mode}'); keep the file on a local disk that supports shared memory.");
        }
    }

    private static async Task<int> ReadSchemaVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}

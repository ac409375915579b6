using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Core.Store;

/// <summary>
/// Brings a store's file up to the schema this build knows: WAL on, then each migration it has not had yet in its own
/// transaction, refusing a file that is not SQLite or was written by a newer build.
/// </summary>
internal static class StoreMigrator
{
    public static async Task MigrateAsync(StoreDatabase database, IReadOnlyList<string> migrations, CancellationToken cancellationToken)
    {
        var path = database.Path;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await EnableWalAsync(connection, path, cancellationToken);

            // Migration 4 keys the images it moves by their SHA-256, as ImageStore.ImageKey does for new ones.
            connection.CreateFunction("comfybot_sha256", (byte[] content) => ImageStore.ImageKey(content), isDeterministic: true);
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);";
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 /* SQLITE_NOTADB */)
        {
            throw new JobStoreSchemaException(
                $"The job store file '{path}' is not a SQLite database: point ComfyBot:Store:Path at a new file or at the bot's own store.", ex);
        }

        var latest = migrations.Count;
        var found = await ReadSchemaVersionAsync(connection, null, cancellationToken);
        EnsureKnown(path, found, latest);

        for (var version = found + 1; version <= latest; version++)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);

            // Another process may have migrated between our read and our lock.
            var now = await ReadSchemaVersionAsync(connection, transaction, cancellationToken);
            EnsureKnown(path, now, latest);
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
                        $"Migration {version} of the job store '{path}' failed and was rolled back; the file stays at schema version {version - 1}. " +
                        $"SQLite said: {ex.Message}", ex);
                }
            }

            await using (var mark = connection.CreateCommand())
            {
                mark.Transaction = transaction;
                mark.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $at);";
                mark.Parameters.AddWithValue("$version", version);
                mark.Parameters.AddWithValue("$at", database.Now.UtcTicks);
                await mark.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static void EnsureKnown(string path, int found, int latest)
    {
        if (found > latest)
        {
            throw new JobStoreSchemaException(
                $"The job store '{path}' has schema version {found}, but this build of ComfyBot knows versions up to {latest}: " +
                "it was written by a newer ComfyBot. Run that version, or point ComfyBot:Store:Path at another file.");
        }
    }

    private static async Task EnableWalAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new JobStoreSchemaException(
                $"SQLite would not put the job store '{path}' in WAL mode (it stays '{mode}'); keep the file on a local disk that supports shared memory.");
        }
    }

    public static async Task<int> ReadSchemaVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}

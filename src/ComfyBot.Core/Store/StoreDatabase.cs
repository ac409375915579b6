using System.Data;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Core.Store;

/// <summary>
/// The one SQLite file the store's tables live in, and the way every table type reaches it: pooled connections, this
/// process's single writer, and the cost of each operation. Open it with
/// <see cref="OpenAsync(JobStoreOptions, TimeProvider, CancellationToken)"/>, which turns on WAL and brings the schema
/// up to date; <see cref="JobStore"/>, <see cref="ImageStore"/>, <see cref="UsageStore"/>, <see cref="AuditLog"/>,
/// <see cref="BanStore"/>, <see cref="PromptFilterStore"/>, <see cref="MemberSettingsStore"/> and
/// <see cref="FinishedJobPurge"/> each read and write their own tables through it.
/// </summary>
/// <remarks>
/// Safe for concurrent callers: each operation opens its own pooled connection (Microsoft.Data.Sqlite pools them,
/// so this is cheap). Writes in this process take turns at an async gate, and every read-modify-write runs in a
/// <c>BEGIN IMMEDIATE</c> transaction, so writers are serialised even across processes, while WAL lets readers go on
/// beside a writer. One shared connection behind a lock would make readers wait for writers too. The gate is this
/// object's, so the table types that share it share one writer.
/// </remarks>
public sealed class StoreDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    // Writers in this process queue here (asynchronously) rather than in SQLite's busy handler, which polls with
    // sleeps; BEGIN IMMEDIATE still guards against writers in other processes.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private StoreDatabase(string connectionString, string path, TimeProvider time)
    {
        _connectionString = connectionString;
        _time = time;
        Path = path;
    }

    /// <summary>Every operation's time from opening its connection to closing it (after a writer's turn at the gate), for the soak's per-job figures.</summary>
    internal WorkCost Cost { get; } = new();

    /// <summary>The full path of the SQLite file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens (creating when missing) the store at <see cref="JobStoreOptions.Path"/>, turns on WAL and foreign keys, and
    /// runs the migrations this file has not had yet, each in its own transaction.
    /// </summary>
    /// <exception cref="JobStoreSchemaException">The file is not a SQLite database, or its schema is newer than this build.</exception>
    public static Task<StoreDatabase> OpenAsync(JobStoreOptions options, TimeProvider time, CancellationToken cancellationToken = default) =>
        OpenAsync(options, time, JobStoreMigrations.Steps, cancellationToken);

    /// <summary>
    /// Creates a new store file readable and writable by its owner only (0600): it holds interaction tokens and what
    /// members asked for. SQLite gives its -wal and -shm files the database file's mode, so they follow. An existing
    /// file keeps the mode its owner gave it.
    /// </summary>
    private static void CreatePrivately(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            return;
        }

        try
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by another opener in between: it is that opener's file now.
        }
    }

    /// <summary>Opens the store with <paramref name="migrations"/> instead of the shipped ones (tests of the mechanism).</summary>
    internal static async Task<StoreDatabase> OpenAsync(JobStoreOptions options, TimeProvider time, IReadOnlyList<string> migrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var path = System.IO.Path.GetFullPath(options.Path);
        var folder = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        CreatePrivately(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();

        var database = new StoreDatabase(connectionString, path, time);
        try
        {
            await StoreMigrator.MigrateAsync(database, migrations, cancellationToken);
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>The schema version of the file (the number of migrations applied).</summary>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await StoreMigrator.ReadSchemaVersionAsync(connection, null, cancellationToken);
    }

    /// <summary>A PRAGMA's value as a connection of this store sees it (e.g. <c>journal_mode</c>, <c>foreign_keys</c>).</summary>
    internal async Task<string> ReadPragmaAsync(string name, CancellationToken cancellationToken = default)
    {
        if (name.Length == 0 || !name.All(c => c is (>= 'a' and <= 'z') or '_'))
        {
            throw new ArgumentException($"'{name}' is not a PRAGMA name.", nameof(name));
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <summary>Closes the pooled connections to the file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>The time the tables stamp their rows with.</summary>
    internal DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>A pooled connection for a read (or a migration); its time counts in <see cref="Cost"/> when it closes.</summary>
    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        var opened = Stopwatch.GetTimestamp();
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == ConnectionState.Closed)
            {
                Cost.Add(opened);
            }
        };
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection held while this process's write gate is taken: the one writer, until it is disposed.</summary>
    internal async Task<StoreWriter> OpenWriterAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return new StoreWriter(await OpenConnectionAsync(cancellationToken), _writeGate);
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in a <c>BEGIN IMMEDIATE</c> transaction and commits it.</summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var writer = await OpenWriterAsync(cancellationToken);
        var connection = writer.Connection;
        await using var transaction = connection.BeginTransaction(deferred: false);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}

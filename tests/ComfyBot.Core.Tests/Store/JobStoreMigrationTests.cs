using ComfyBot.Core.Jobs;
using ComfyBot.Core.Store;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Core.Tests.Store;

public sealed class JobStoreMigrationTests : IDisposable
{
    private readonly StoreFolder _folder = new();

    [Fact]
    public async Task Open_EmptyFolder_CreatesFileAtLatestSchemaInWalMode()
    {
        using var store = await _folder.OpenAsync();

        Assert.True(File.Exists(_folder.DbPath));
        Assert.Equal(JobStoreMigrations.Latest, await store.Database.GetSchemaVersionAsync());
        Assert.Equal("wal", await store.Database.ReadPragmaAsync("journal_mode"));
    }

    [Fact]
    public async Task Open_Twice_RunsEachMigrationOnceAndKeepsData()
    {
        long id;
        using (var first = await _folder.OpenAsync())
        {
            id = (await first.AddAsync(StoreFolder.NewJob())).Id;
        }

        using var second = await _folder.OpenAsync();

        Assert.Equal(JobStoreMigrations.Latest, await second.Database.GetSchemaVersionAsync());
        Assert.Equal(JobStoreMigrations.Latest, await CountAsync("SELECT COUNT(*) FROM schema_version;"));
        Assert.NotNull(await second.GetAsync(id));
    }

    [Fact]
    public async Task Open_ForeignKeysAreOn()
    {
        using var store = await _folder.OpenAsync();

        Assert.Equal("1", await store.Database.ReadPragmaAsync("foreign_keys"));
    }

    [Fact]
    public async Task Open_SchemaNewerThanTheCode_IsRefusedWithTheVersions()
    {
        using (await _folder.OpenAsync())
        {
            await ExecuteAsync($"INSERT INTO schema_version (version, applied_at) VALUES ({JobStoreMigrations.Latest + 4}, 0);");
        }

        var error = await Assert.ThrowsAsync<JobStoreSchemaException>(_folder.OpenAsync);

        Assert.Contains($"schema version {JobStoreMigrations.Latest + 4}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"up to {JobStoreMigrations.Latest}", error.Message, StringComparison.Ordinal);
        Assert.Contains("ComfyBot:Store:Path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_FileThatIsNotSqlite_SaysSo()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_folder.DbPath)!);
        await File.WriteAllTextAsync(_folder.DbPath, new string('x', 4096));

        var error = await Assert.ThrowsAsync<JobStoreSchemaException>(_folder.OpenAsync);

        Assert.Contains("is not a SQLite database", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":memory:")]
    public void BadPath_NamesTheKey(string path)
    {
        var error = Assert.Single(new JobStoreOptions { Path = path }.Validate());

        Assert.StartsWith("ComfyBot:Store:Path is ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_WithANewMigration_UpgradesAnOldFileAndKeepsItsJobs()
    {
        long id;
        using (var old = await _folder.OpenAsync())
        {
            id = (await old.AddAsync(StoreFolder.NewJob())).Id;
        }

        string[] next = [.. JobStoreMigrations.Steps, "ALTER TABLE jobs ADD COLUMN note TEXT; UPDATE jobs SET note = 'kept';"];
        using var upgraded = await JobStore.OpenAsync(new JobStoreOptions { Path = _folder.DbPath }, _folder.Time, next);

        Assert.Equal(next.Length, await upgraded.Database.GetSchemaVersionAsync());
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM jobs WHERE note = 'kept';"));
        Assert.NotNull(await upgraded.GetAsync(id));
    }

    [Fact]
    public async Task Open_AVersion3File_MovesItsInputsToOneCopyPerImage()
    {
        // A file as version 3 left it: one copy of the input per job, two jobs sharing the same bytes.
        string[] three = [.. JobStoreMigrations.Steps.Take(3)];
        long first, second, other;
        using (var old = await JobStore.OpenAsync(new JobStoreOptions { Path = _folder.DbPath }, _folder.Time, three))
        {
            first = (await old.AddAsync(StoreFolder.NewJob())).Id;
            second = (await old.AddAsync(StoreFolder.NewJob())).Id;
            other = (await old.AddAsync(StoreFolder.NewJob())).Id;
        }

        await ExecuteAsync($"""
            INSERT INTO job_inputs (job_id, file_name, content) VALUES ({first}, 'a.png', x'0102030405');
            INSERT INTO job_inputs (job_id, file_name, content) VALUES ({second}, 'b.png', x'0102030405');
            INSERT INTO job_inputs (job_id, file_name, content) VALUES ({other}, 'c.png', x'0909');
            """);

        using var store = await _folder.OpenAsync();

        Assert.Equal(JobStoreMigrations.Latest, await store.Database.GetSchemaVersionAsync());
        Assert.Equal(2, await store.Tables().Images.CountImagesAsync());
        Assert.Equal(new InputImage("a.png", new byte[] { 1, 2, 3, 4, 5 }).Content.ToArray(), (await store.Tables().Images.GetInputImageAsync(first))!.Content.ToArray());
        Assert.Equal("b.png", (await store.Tables().Images.GetInputImageAsync(second))!.FileName);
        Assert.Equal(new byte[] { 9, 9 }, (await store.Tables().Images.GetInputImageAsync(other))!.Content.ToArray());
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new byte[] { 9, 9 })),
            await ScalarAsync($"SELECT sha256 FROM job_images WHERE job_id = {other};"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM sqlite_master WHERE name = 'job_inputs';"));
    }

    [Fact]
    public async Task Open_FailingMigration_RollsBackThatStepAndSaysWhich()
    {
        using (await _folder.OpenAsync())
        {
        }

        string[] broken = [.. JobStoreMigrations.Steps, "CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;"];
        var error = await Assert.ThrowsAsync<JobStoreSchemaException>(
            () => JobStore.OpenAsync(new JobStoreOptions { Path = _folder.DbPath }, _folder.Time, broken));

        Assert.Contains($"Migration {broken.Length}", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done';"));
        Assert.Equal(JobStoreMigrations.Latest, await CountAsync("SELECT MAX(version) FROM schema_version;"));
    }

    [Fact]
    public async Task Open_TwoStoresAtOnceOnANewFile_MigrateOnce()
    {
        var stores = await Task.WhenAll(Task.Run(_folder.OpenAsync), Task.Run(_folder.OpenAsync));
        foreach (var store in stores)
        {
            store.Dispose();
        }

        Assert.Equal(JobStoreMigrations.Latest, await CountAsync("SELECT COUNT(*) FROM schema_version;"));
    }

    public void Dispose() => _folder.Dispose();

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_folder.DbPath};Foreign Keys=True;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_folder.DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_folder.DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string?)await command.ExecuteScalarAsync();
    }
}

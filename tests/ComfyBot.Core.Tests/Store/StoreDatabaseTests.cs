using ComfyBot.Core.Store;
using ComfyBot.Testing;

namespace ComfyBot.Core.Tests.Store;

/// <summary>The store's tables are separate types over one file: they share its single writer and its cost counter.</summary>
public sealed class StoreDatabaseTests : IDisposable
{
    private readonly StoreFolder _folder = new();

    [Fact]
    public async Task Writes_to_other_tables_wait_for_the_one_writer_of_the_file()
    {
        using var store = await _folder.OpenAsync();
        var tables = store.Tables();
        var held = await store.Database.OpenWriterAsync(CancellationToken.None);

        var audit = tables.Audit.AddAuditAsync(1, "pause", null, null);
        var ban = tables.Bans.BanAsync(5, 1, "spam");
        var job = store.AddAsync(StoreFolder.NewJob());

        // The gate is taken: none of them can have written, whatever the machine's speed.
        Assert.False(audit.IsCompleted || ban.IsCompleted || job.IsCompleted);
        await held.DisposeAsync();
        await Task.WhenAll(audit, ban, job).WaitAsync(TestGuards.HangGuard);
        Assert.Single(await tables.Audit.ListAuditAsync());
        Assert.Single(await tables.Bans.ListBansAsync());
    }

    [Fact]
    public async Task JobStore_Cost_counts_the_operations_of_every_table_on_the_file()
    {
        using var store = await _folder.OpenAsync();
        var tables = store.Tables();
        var (before, _) = store.Cost.Read();

        await tables.Audit.AddAuditAsync(1, "pause", null, null);
        await tables.Settings.GetSettingsAsync(7);
        await tables.Usage.GetUsageAsync(7, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        await store.GetAsync(1);

        Assert.Equal(before + 4, store.Cost.Read().Count);
    }

    public void Dispose() => _folder.Dispose();
}

namespace ComfyBot.Core.Tests.Store;

public sealed class JobStoreAdminTests : IDisposable
{
    private readonly StoreFolder _folder = new();

    [Fact]
    public async Task Ban_ThenUnban_IsSeenAndListed()
    {
        using var store = await _folder.OpenAsync();

        var ban = await store.Tables().Bans.BanAsync(ulong.MaxValue, 9, "spam");
        _folder.Time.Advance(TimeSpan.FromSeconds(1));
        await store.Tables().Bans.BanAsync(12, 9, null);

        Assert.True(await store.Tables().Bans.IsBannedAsync(ulong.MaxValue));
        Assert.False(await store.Tables().Bans.IsBannedAsync(13));
        var bans = await store.Tables().Bans.ListBansAsync();
        Assert.Equal([ban, bans[1]], bans);
        Assert.Equal(12UL, bans[1].MemberId);
        Assert.Null(bans[1].Reason);
        Assert.True(await store.Tables().Bans.UnbanAsync(ulong.MaxValue));
        Assert.False(await store.Tables().Bans.UnbanAsync(ulong.MaxValue));
        Assert.False(await store.Tables().Bans.IsBannedAsync(ulong.MaxValue));
    }

    [Fact]
    public async Task Ban_Again_UpdatesReasonAndKeepsOneRow()
    {
        using var store = await _folder.OpenAsync();
        await store.Tables().Bans.BanAsync(5, 1, "first");

        await store.Tables().Bans.BanAsync(5, 2, "second");

        var ban = Assert.Single(await store.Tables().Bans.ListBansAsync());
        Assert.Equal(2UL, ban.BannedBy);
        Assert.Equal("second", ban.Reason);
    }

    [Fact]
    public async Task Bans_SurviveARestart()
    {
        using (var before = await _folder.OpenAsync())
        {
            await before.Tables().Bans.BanAsync(5, 1, "r");
        }

        using var after = await _folder.OpenAsync();

        Assert.True(await after.Tables().Bans.IsBannedAsync(5));
    }

    [Fact]
    public async Task Audit_ListsNewestFirstUpToTheLimit()
    {
        using var store = await _folder.OpenAsync();
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));

        var first = await store.Tables().Audit.AddAuditAsync(1, "ban", "5", "spam \"links\"", at);
        _folder.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await store.Tables().Audit.AddAuditAsync(ulong.MaxValue, "clear", null, null);
        var third = await store.Tables().Audit.AddAuditAsync(1, "cancel", "#12", null);

        Assert.Equal([third, second], await store.Tables().Audit.ListAuditAsync(2));
        var all = await store.Tables().Audit.ListAuditAsync();
        Assert.Equal(3, all.Count);
        Assert.Equal(first, all[2]);
        Assert.Equal(at, all[2].At);
        Assert.Equal(_folder.Time.GetUtcNow(), second.At);
    }

    [Fact]
    public async Task Audit_EmptyAction_IsRefused()
    {
        using var store = await _folder.OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.Tables().Audit.AddAuditAsync(1, " ", null, null));
    }

    public void Dispose() => _folder.Dispose();
}

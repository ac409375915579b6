namespace ComfyBot.Core.Tests.Store;

/// <summary>The store holds interaction tokens and members' prompts: only its owner may read it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class JobStoreFileModeTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly StoreFolder _folder = new();

    [Fact]
    public async Task NewStore_AndItsWriteAheadLog_AreReadableByTheOwnerOnly()
    {
        using var store = await _folder.OpenAsync();
        await store.AddAsync(StoreFolder.NewJob());

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_folder.DbPath));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_folder.DbPath + "-wal"));
    }

    [Fact]
    public async Task ExistingStore_KeepsTheModeItsOwnerGaveIt()
    {
        using (await _folder.OpenAsync())
        {
        }

        var shared = OwnerOnly | UnixFileMode.GroupRead;
        File.SetUnixFileMode(_folder.DbPath, shared);

        using var reopened = await _folder.OpenAsync();

        Assert.Equal(shared, File.GetUnixFileMode(_folder.DbPath));
    }

    public void Dispose() => _folder.Dispose();
}

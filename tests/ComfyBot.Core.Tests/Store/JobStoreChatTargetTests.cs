using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Tests.Store;

public sealed class JobStoreChatTargetTests : IDisposable
{
    private readonly StoreFolder _folder = new();

    [Fact]
    public async Task SaveChatTarget_WritesOnlyTheTarget_WithoutAVersionBump()
    {
        using var store = await _folder.OpenAsync();
        var job = await store.AddAsync(StoreFolder.NewJob() with { ChatTarget = "{\"v\":1}" });

        await store.ChatTargets().SaveAsync(job.Id, "{\"v\":2}", CancellationToken.None);

        var stored = await store.GetAsync(job.Id);
        Assert.Equal("{\"v\":2}", stored!.ChatTarget);
        Assert.Equal(job.Version, stored.Version);
    }

    [Fact]
    public async Task LaterWrites_NeverPutBackAStaleInMemoryTarget()
    {
        using var store = await _folder.OpenAsync();
        var job = await store.AddAsync(StoreFolder.NewJob() with { ChatTarget = "stale" });
        await store.ChatTargets().SaveAsync(job.Id, "fresh-1", CancellationToken.None);

        var moved = await store.TransitionAsync(job.Id, JobState.Submitted, j => j with { Backend = "gpu", ChatTarget = "stale" });
        Assert.Equal("fresh-1", moved.ChatTarget);
        await store.ChatTargets().SaveAsync(job.Id, "fresh-2", CancellationToken.None);
        var updated = await store.UpdateAsync(moved with { Detail = "x" });
        Assert.Equal("fresh-2", updated.ChatTarget);
        await store.ChatTargets().SaveAsync(job.Id, "fresh-3", CancellationToken.None);
        var bumped = await store.BumpAsync(job.Id);
        Assert.Equal("fresh-3", bumped.ChatTarget);
        await store.TryTransitionAsync(job.Id, JobState.Succeeded);

        Assert.Equal("fresh-3", (await store.GetAsync(job.Id))!.ChatTarget);
    }

    [Fact]
    public async Task SaveChatTarget_UnknownJob_Throws()
    {
        using var store = await _folder.OpenAsync();

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => store.ChatTargets().SaveAsync(99, "x", CancellationToken.None));
        Assert.Contains("#99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachmentLimit_IsKeptAcrossReopening()
    {
        long id;
        using (var store = await _folder.OpenAsync())
        {
            id = (await store.AddAsync(StoreFolder.NewJob() with { AttachmentByteLimit = 8_000_000 })).Id;
            await store.TransitionAsync(id, JobState.Submitted);
        }

        using var reopened = await _folder.OpenAsync();
        Assert.Equal(8_000_000, (await reopened.GetAsync(id))!.AttachmentByteLimit);
        Assert.Null((await reopened.AddAsync(StoreFolder.NewJob())).AttachmentByteLimit);
    }

    [Fact]
    public async Task InputImage_IsStoredWithTheJob_AndReadBackAfterReopening()
    {
        long with;
        long without;
        using (var store = await _folder.OpenAsync())
        {
            with = (await store.AddAsync(StoreFolder.NewJob(), new InputImage("fox.png", new byte[] { 1, 2, 3, 250 }))).Id;
            without = (await store.AddAsync(StoreFolder.NewJob())).Id;
        }

        using var reopened = await _folder.OpenAsync();
        var image = await reopened.Tables().Images.GetInputImageAsync(with);
        Assert.Equal("fox.png", image!.FileName);
        Assert.Equal(new byte[] { 1, 2, 3, 250 }, image.Content.ToArray());
        Assert.Null(await reopened.Tables().Images.GetInputImageAsync(without));
    }

    [Fact]
    public async Task InputImage_WithoutBytes_IsRefusedAndNothingIsStored()
    {
        using var store = await _folder.OpenAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AddAsync(StoreFolder.NewJob(), new InputImage("empty.png", ReadOnlyMemory<byte>.Empty)));

        Assert.Contains("'empty.png' has no bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListActiveAsync());
    }

    public void Dispose() => _folder.Dispose();
}

using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Tests.Store;

public sealed class JobStoreQueryTests : IDisposable
{
    private readonly StoreFolder _folder = new();

    [Fact]
    public async Task ListActive_AfterRestart_HasUnfinishedAndUndeliveredInQueueOrder()
    {
        long waiting, running, doneUndelivered, bumped;
        using (var before = await _folder.OpenAsync())
        {
            waiting = (await before.AddAsync(StoreFolder.NewJob())).Id;
            running = (await before.AddAsync(StoreFolder.NewJob())).Id;
            await before.TransitionAsync(running, JobState.Running);
            doneUndelivered = (await before.AddAsync(StoreFolder.NewJob())).Id;
            await before.TransitionAsync(doneUndelivered, JobState.Failed, j => j with { Detail = "OOM" });
            var delivered = (await before.AddAsync(StoreFolder.NewJob())).Id;
            await before.TransitionAsync(delivered, JobState.Cancelled);
            await before.MarkFinalDeliveredAsync(delivered);
            bumped = (await before.AddAsync(StoreFolder.NewJob())).Id;
            await before.BumpAsync(bumped);
        }

        using var after = await _folder.OpenAsync();
        var active = await after.ListActiveAsync();

        Assert.Equal([bumped, waiting, running, doneUndelivered], active.Select(j => j.Id));
        Assert.All(active, j => Assert.True(j.NeedsAttention));
        Assert.Equal("OOM", active.Single(j => j.Id == doneUndelivered).Detail);
    }

    [Fact]
    public async Task Bump_PutsTheJobBeforeEveryOther_AndRefusesFinalJobs()
    {
        using var store = await _folder.OpenAsync();
        var a = await store.AddAsync(StoreFolder.NewJob());
        var b = await store.AddAsync(StoreFolder.NewJob());
        var c = await store.AddAsync(StoreFolder.NewJob());

        await store.BumpAsync(c.Id);
        var bumpedAgain = await store.BumpAsync(b.Id);
        await store.TransitionAsync(a.Id, JobState.Cancelled);

        Assert.Equal([b.Id, c.Id, a.Id], (await store.ListActiveAsync()).Select(j => j.Id));
        Assert.Equal(b.Version + 1, bumpedAgain.Version);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.BumpAsync(a.Id));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.BumpAsync(12345));
    }

    [Fact]
    public async Task ListByOwner_ActiveInQueueOrder_OrAllNewestFirst()
    {
        using var store = await _folder.OpenAsync();
        var mine1 = await store.AddAsync(StoreFolder.NewJob(owner: 5));
        await store.AddAsync(StoreFolder.NewJob(owner: 6));
        var mine2 = await store.AddAsync(StoreFolder.NewJob(owner: 5));
        var mine3 = await store.AddAsync(StoreFolder.NewJob(owner: 5));
        await store.TransitionAsync(mine3.Id, JobState.Cancelled);

        var active = await store.ListByOwnerAsync(5);
        var all = await store.ListByOwnerAsync(5, includeFinished: true);
        var newest = await store.ListByOwnerAsync(5, includeFinished: true, limit: 1);

        Assert.Equal([mine1.Id, mine2.Id], active.Select(j => j.Id));
        Assert.Equal([mine3.Id, mine2.Id, mine1.Id], all.Select(j => j.Id));
        Assert.Equal([mine3.Id], newest.Select(j => j.Id));
    }

    [Fact]
    public async Task CountQueuedByOwner_CountsOnlyUnfinishedJobsOfThatMember()
    {
        using var store = await _folder.OpenAsync();
        ulong big = ulong.MaxValue - 7;
        await store.AddAsync(StoreFolder.NewJob(owner: big));
        var running = await store.AddAsync(StoreFolder.NewJob(owner: big));
        await store.TransitionAsync(running.Id, JobState.Running);
        var done = await store.AddAsync(StoreFolder.NewJob(owner: big));
        await store.TransitionAsync(done.Id, JobState.Failed);
        await store.AddAsync(StoreFolder.NewJob(owner: 3));

        Assert.Equal(2, await store.CountQueuedByOwnerAsync(big));
        Assert.Equal(1, await store.CountQueuedByOwnerAsync(3));
        Assert.Equal(0, await store.CountQueuedByOwnerAsync(4));
    }

    [Fact]
    public async Task LastSubmitTime_IsTheNewestCreatedAt_OrNull()
    {
        using var store = await _folder.OpenAsync();
        await store.AddAsync(StoreFolder.NewJob(owner: 5));
        _folder.Time.Advance(TimeSpan.FromMinutes(2));
        var second = await store.AddAsync(StoreFolder.NewJob(owner: 5));
        _folder.Time.Advance(TimeSpan.FromMinutes(1));
        await store.AddAsync(StoreFolder.NewJob(owner: 6));

        Assert.Equal(second.CreatedAt, await store.GetLastSubmitTimeAsync(5));
        Assert.Null(await store.GetLastSubmitTimeAsync(7));
    }

    [Fact]
    public async Task ListRecentFinished_OnlySinceTheCutOff_OldestFirst()
    {
        using var store = await _folder.OpenAsync();
        var old = await store.AddAsync(StoreFolder.NewJob());
        await store.TransitionAsync(old.Id, JobState.Cancelled);
        _folder.Time.Advance(TimeSpan.FromHours(2));
        var since = _folder.Time.GetUtcNow().AddHours(-1);
        var a = await store.AddAsync(StoreFolder.NewJob());
        var b = await store.AddAsync(StoreFolder.NewJob());
        await store.AddAsync(StoreFolder.NewJob());
        await store.TransitionAsync(b.Id, JobState.Running, j => j with { Backend = "gpu-2" });
        _folder.Time.Advance(TimeSpan.FromSeconds(30));
        await store.TransitionAsync(b.Id, JobState.Succeeded);
        _folder.Time.Advance(TimeSpan.FromSeconds(5));
        await store.TransitionAsync(a.Id, JobState.Failed);

        var recent = await store.ListRecentFinishedAsync(since);

        Assert.Equal([b.Id, a.Id], recent.Select(j => j.Id));
        Assert.Equal(TimeSpan.FromSeconds(30), recent[0].FinishedAt - recent[0].StartedAt);
        Assert.Equal("gpu-2", recent[0].Backend);
    }

    public void Dispose() => _folder.Dispose();
}

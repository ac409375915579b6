using ComfyBot.Core.Jobs;
using ComfyBot.Core.Store;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Core.Tests.Store;

public sealed class JobRetentionTests : IDisposable
{
    private readonly StoreFolder _folder = new();

    [Fact]
    public async Task DeleteFinished_RemovesOldSettledJobsWithTheirImages_AndKeepsEverythingElse()
    {
        using var store = await _folder.OpenAsync();
        var oldSettled = await store.AddAsync(StoreFolder.NewJob(), new InputImage("in.png", new byte[] { 1, 2, 3 }));
        await store.TransitionAsync(oldSettled.Id, JobState.Running);
        await store.TransitionAsync(oldSettled.Id, JobState.Succeeded);
        await store.MarkFinalDeliveredAsync(oldSettled.Id);
        var oldUndelivered = await store.AddAsync(StoreFolder.NewJob());
        await store.TransitionAsync(oldUndelivered.Id, JobState.Failed, j => j with { Detail = "❌ OOM" });
        var oldWaiting = await store.AddAsync(StoreFolder.NewJob(), new InputImage("wait.png", new byte[] { 4 }));
        _folder.Time.Advance(TimeSpan.FromDays(29));
        var youngSettled = await store.AddAsync(StoreFolder.NewJob());
        await store.TransitionAsync(youngSettled.Id, JobState.Cancelled);
        await store.MarkFinalDeliveredAsync(youngSettled.Id);
        _folder.Time.Advance(TimeSpan.FromDays(2));

        var deleted = await store.Tables().Purge.DeleteFinishedAsync(_folder.Time.GetUtcNow() - TimeSpan.FromDays(30));

        Assert.Equal(1, deleted);
        Assert.Null(await store.GetAsync(oldSettled.Id));
        Assert.Null(await store.Tables().Images.GetInputImageAsync(oldSettled.Id));
        Assert.NotNull(await store.GetAsync(oldUndelivered.Id));
        Assert.NotNull(await store.GetAsync(youngSettled.Id));
        Assert.NotNull(await store.Tables().Images.GetInputImageAsync(oldWaiting.Id));
        Assert.Equal([oldUndelivered.Id, oldWaiting.Id], (await store.ListActiveAsync()).Select(j => j.Id).Order());
    }

    [Fact]
    public async Task AnInputSharedByAKeptJob_StaysUntilTheLastJobThatRefersToItGoes()
    {
        using var store = await _folder.OpenAsync();
        var shared = new InputImage("in.png", new byte[] { 9, 8, 7, 6 });
        var old = await store.AddAsync(StoreFolder.NewJob(), shared);
        await store.TransitionAsync(old.Id, JobState.Cancelled);
        await store.MarkFinalDeliveredAsync(old.Id);
        _folder.Time.Advance(TimeSpan.FromDays(20));
        var reroll = await store.AddAsync(StoreFolder.NewJob(), shared with { FileName = "again.png" });
        await store.TransitionAsync(reroll.Id, JobState.Cancelled);
        await store.MarkFinalDeliveredAsync(reroll.Id);
        Assert.Equal(1, await store.Tables().Images.CountImagesAsync());
        _folder.Time.Advance(TimeSpan.FromDays(11));

        Assert.Equal(1, await store.Tables().Purge.DeleteFinishedAsync(_folder.Time.GetUtcNow() - TimeSpan.FromDays(30)));
        Assert.Equal(shared.Content.ToArray(), (await store.Tables().Images.GetInputImageAsync(reroll.Id))!.Content.ToArray());
        Assert.Equal("again.png", (await store.Tables().Images.GetInputImageAsync(reroll.Id))!.FileName);
        Assert.Equal(1, await store.Tables().Images.CountImagesAsync());

        _folder.Time.Advance(TimeSpan.FromDays(20));
        Assert.Equal(1, await store.Tables().Purge.DeleteFinishedAsync(_folder.Time.GetUtcNow() - TimeSpan.FromDays(30)));
        Assert.Equal(0, await store.Tables().Images.CountImagesAsync());
    }

    [Fact]
    public async Task Retention_SweepsAtStartAndThenHourly()
    {
        using var store = await _folder.OpenAsync();
        var first = await SettledJobAsync(store);
        _folder.Time.Advance(TimeSpan.FromHours(3));
        var second = await SettledJobAsync(store);
        await using var retention = new JobRetention(store.Tables().Purge, TimeSpan.FromMinutes(90), _folder.Time, NullLogger<JobRetention>.Instance);

        retention.Start();
        await Polling.UntilAsync(async () => await store.GetAsync(first) is null, HangGuard);
        Assert.NotNull(await store.GetAsync(second));

        // Two hourly sweeps later the second job is 2 h old, past the 90 minutes.
        _folder.Time.Advance(JobRetention.SweepInterval);
        _folder.Time.Advance(JobRetention.SweepInterval);
        await Polling.UntilAsync(async () => await store.GetAsync(second) is null, HangGuard);
    }

    [Fact]
    public async Task KeepFinishedFor_OutOfRange_SaysTheKeyAndTheRange()
    {
        var options = new JobStoreOptions { Path = "jobs.db", KeepFinishedFor = TimeSpan.FromMinutes(5) };

        var error = Assert.Single(options.Validate());

        Assert.StartsWith("ComfyBot:Store:KeepFinishedFor must be between 01:00:00", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<long> SettledJobAsync(JobStore store)
    {
        var job = await store.AddAsync(StoreFolder.NewJob());
        await store.TransitionAsync(job.Id, JobState.Running);
        await store.TransitionAsync(job.Id, JobState.Succeeded);
        await store.MarkFinalDeliveredAsync(job.Id);
        return job.Id;
    }
}

using ComfyBot.Core.Jobs;
using ComfyBot.Core.Usage;

namespace ComfyBot.Core.Tests.Store;

/// <summary>GPU runs are stored once per attempt, in the move that ends it; usage counts them and the jobs that count.</summary>
public sealed class JobStoreUsageTests : IDisposable
{
    private readonly StoreFolder _folder = new();

    private DateTimeOffset Now => _folder.Time.GetUtcNow();

    private GpuRun Run(Job job, double seconds, GpuMeasure measure = GpuMeasure.Reported) =>
        new(job.Id, job.Attempts, job.Owner.MemberId, job.Owner.DisplayName, job.Backend ?? "gpu-1", Now, TimeSpan.FromSeconds(seconds), measure);

    [Fact]
    public async Task EndAttempt_SameAttemptRecordedTwice_CountsOnce()
    {
        using var store = await _folder.OpenAsync();
        var job = await store.AddAsync(StoreFolder.NewJob());
        await store.TransitionAsync(job.Id, JobState.Submitted, j => j with { Backend = "gpu-1", PromptId = "p1" });
        var running = await store.TransitionAsync(job.Id, JobState.Running);

        var ended = await store.TryEndAttemptAsync(job.Id, JobState.Succeeded, null, Run(running, 12));

        // A second path (or a restart that saw the end again) tries to end the same attempt: refused, nothing added.
        var again = await store.TryEndAttemptAsync(job.Id, JobState.Failed, null, Run(running, 12));

        Assert.NotNull(ended);
        Assert.Null(again);
        var usage = await store.Tables().Usage.GetUsageAsync(1001, Now.AddHours(-1), Now.AddHours(1));
        Assert.Equal(new MemberUsage(1, TimeSpan.FromSeconds(12)), usage);
        Assert.Single(await store.Tables().Usage.ListGpuRunsAsync(Now.AddHours(-1), Now.AddHours(1)));
    }

    [Fact]
    public async Task EndAttempt_RequeuedAfterALostRun_CountsEachAttemptOnceUnderItsOwnNumber()
    {
        using var store = await _folder.OpenAsync();
        var job = await store.AddAsync(StoreFolder.NewJob());
        await store.TransitionAsync(job.Id, JobState.Submitted, j => j with { Backend = "gpu-1", PromptId = "p1" });
        var first = await store.TransitionAsync(job.Id, JobState.Running);
        await store.EndAttemptAsync(job.Id, JobState.Waiting, null, Run(first, 3, GpuMeasure.UntilLastHeard));

        await store.TransitionAsync(job.Id, JobState.Submitted, j => j with { Backend = "gpu-2", PromptId = "p2" });
        var second = await store.TransitionAsync(job.Id, JobState.Running);
        await store.TryEndAttemptAsync(job.Id, JobState.Succeeded, null, Run(second, 10));

        var runs = await store.Tables().Usage.ListGpuRunsAsync(Now.AddHours(-1), Now.AddHours(1));
        Assert.Equal([(1, "gpu-1", 3.0, GpuMeasure.UntilLastHeard), (2, "gpu-2", 10.0, GpuMeasure.Reported)], runs.Select(r => (r.Attempt, r.Backend, r.GpuTime.TotalSeconds, r.Measure)));
        Assert.Equal(new MemberUsage(1, TimeSpan.FromSeconds(13)), await store.Tables().Usage.GetUsageAsync(1001, Now.AddHours(-1), Now.AddHours(1)));
    }

    [Fact]
    public async Task EndAttempt_FromWaiting_StoresNoRun()
    {
        using var store = await _folder.OpenAsync();
        var job = await store.AddAsync(StoreFolder.NewJob());

        // A caller's stale copy says Running; the store's row says Waiting: no attempt ends, so nothing is counted.
        await store.TryEndAttemptAsync(job.Id, JobState.Cancelled, null, Run(job with { Backend = "gpu-1", Attempts = 1 }, 5));

        Assert.Empty(await store.Tables().Usage.ListGpuRunsAsync(Now.AddHours(-1), Now.AddHours(1)));
    }

    [Fact]
    public async Task GetUsage_JobCancelledBeforeItRan_IsGivenBack_ButOneCancelledWhileRunningCounts()
    {
        using var store = await _folder.OpenAsync();
        var waiting = await store.AddAsync(StoreFolder.NewJob());
        await store.TryEndAttemptAsync(waiting.Id, JobState.Cancelled, null, null);

        var ran = await store.AddAsync(StoreFolder.NewJob());
        await store.TransitionAsync(ran.Id, JobState.Submitted, j => j with { Backend = "gpu-1", PromptId = "p1" });
        var running = await store.TransitionAsync(ran.Id, JobState.Running);
        await store.TryEndAttemptAsync(ran.Id, JobState.Cancelled, null, Run(running, 2, GpuMeasure.UntilStopped));

        var queued = await store.AddAsync(StoreFolder.NewJob());
        var other = await store.AddAsync(StoreFolder.NewJob(owner: 2002));

        var usage = await store.Tables().Usage.GetUsageAsync(1001, Now.AddHours(-1), Now.AddHours(1));
        Assert.Equal(new MemberUsage(2, TimeSpan.FromSeconds(2)), usage);
        Assert.Equal(MemberUsage.None, await store.Tables().Usage.GetUsageAsync(1001, Now.AddHours(1), Now.AddHours(2)));
        var counts = await store.Tables().Usage.CountJobsByMemberAsync(Now.AddHours(-1), Now.AddHours(1));
        Assert.Equal([(1001UL, "member1001", 2), (2002UL, "member2002", 1)], counts.OrderBy(c => c.MemberId));
        Assert.NotEqual(queued.Id, other.Id);
    }

    [Fact]
    public async Task DeleteFinished_KeepsAWeekOfRunsWhateverTheJobsRetention()
    {
        using var store = await _folder.OpenAsync();
        var job = await store.AddAsync(StoreFolder.NewJob());
        await store.TransitionAsync(job.Id, JobState.Submitted, j => j with { Backend = "gpu-1", PromptId = "p1" });
        var running = await store.TransitionAsync(job.Id, JobState.Running);
        await store.TryEndAttemptAsync(job.Id, JobState.Succeeded, null, Run(running, 4));
        await store.MarkFinalDeliveredAsync(job.Id);

        _folder.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await store.Tables().Purge.DeleteFinishedAsync(Now.AddHours(-1)));
        Assert.Single(await store.Tables().Usage.ListGpuRunsAsync(Now.AddDays(-3), Now));

        _folder.Time.Advance(TimeSpan.FromDays(7));
        await store.Tables().Purge.DeleteFinishedAsync(Now.AddHours(-1));
        Assert.Empty(await store.Tables().Usage.ListGpuRunsAsync(Now.AddDays(-30), Now));
    }

    public void Dispose() => _folder.Dispose();
}

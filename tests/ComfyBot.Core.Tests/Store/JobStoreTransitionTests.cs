using ComfyBot.Comfy;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Store;

namespace ComfyBot.Core.Tests.Store;

public sealed class JobStoreTransitionTests : IDisposable
{
    private readonly StoreFolder _folder = new();

    [Fact]
    public async Task Transition_ThroughALife_StampsTimesAndAttempts()
    {
        using var store = await _folder.OpenAsync();
        var job = await store.AddAsync(StoreFolder.NewJob());

        _folder.Time.Advance(TimeSpan.FromSeconds(1));
        var submitted = await store.TransitionAsync(job.Id, JobState.Submitted, j => j with { Backend = "gpu-1", PromptId = "p1" });
        _folder.Time.Advance(TimeSpan.FromSeconds(2));
        var running = await store.TransitionAsync(job.Id, JobState.Running);
        _folder.Time.Advance(TimeSpan.FromSeconds(4));
        var output = new OutputFile("9", "images", new ComfyFile("a.png", "", "output"));
        var done = await store.TransitionAsync(job.Id, JobState.Succeeded, j => j with { Outputs = [output] });

        var start = job.CreatedAt;
        Assert.Equal(start.AddSeconds(1), submitted.SubmittedAt);
        Assert.Equal(1, submitted.Attempts);
        Assert.Equal("gpu-1", submitted.Backend);
        Assert.Equal(start.AddSeconds(3), running.StartedAt);
        Assert.Equal(start.AddSeconds(7), done.FinishedAt);
        Assert.True(done.IsFinal);
        Assert.Equal(4, done.Version);
        var stored = await store.GetAsync(job.Id);
        Assert.Equal(done with { Outputs = [] }, stored! with { Outputs = [] });
        Assert.Equal([output], stored.Outputs);
    }

    [Fact]
    public async Task Transition_BackToWaiting_ClearsWhereItWasAndCountsTheNextAttempt()
    {
        using var store = await _folder.OpenAsync();
        var job = await store.AddAsync(StoreFolder.NewJob());
        await store.TransitionAsync(job.Id, JobState.Submitted, j => j with { Backend = "gpu-1", PromptId = "p1" });
        await store.TransitionAsync(job.Id, JobState.Running);

        var requeued = await store.TransitionAsync(job.Id, JobState.Waiting, j => j with { Detail = "gpu-1 was lost" });
        var again = await store.TransitionAsync(job.Id, JobState.Submitted, j => j with { Backend = "gpu-2" });

        Assert.Null(requeued.Backend);
        Assert.Null(requeued.PromptId);
        Assert.Null(requeued.StartedAt);
        Assert.Equal("gpu-1 was lost", requeued.Detail);
        Assert.Equal(2, again.Attempts);
        Assert.Equal("gpu-2", again.Backend);
    }

    [Fact]
    public async Task Transition_WaitingStraightToRunning_CountsOneAttempt()
    {
        using var store = await _folder.OpenAsync();
        var job = await store.AddAsync(StoreFolder.NewJob());
        _folder.Time.Advance(TimeSpan.FromSeconds(2));

        var running = await store.TransitionAsync(job.Id, JobState.Running);

        Assert.Equal(1, running.Attempts);
        Assert.Equal(job.CreatedAt.AddSeconds(2), running.SubmittedAt);
        Assert.Equal(running.SubmittedAt, running.StartedAt);
    }

    [Fact]
    public async Task Transition_ChangeCannotTouchIdStateOrDeliveredFlag()
    {
        using var store = await _folder.OpenAsync();
        var job = await store.AddAsync(StoreFolder.NewJob());

        var moved = await store.TransitionAsync(job.Id, JobState.Cancelled, j => j with { Id = 999, State = JobState.Running, FinalDelivered = true });

        Assert.Equal(job.Id, moved.Id);
        Assert.Equal(JobState.Cancelled, moved.State);
        Assert.False(moved.FinalDelivered);
    }

    [Theory]
    [InlineData(JobState.Succeeded)]
    [InlineData(JobState.Failed)]
    [InlineData(JobState.Cancelled)]
    [InlineData(JobState.Interrupted)]
    public async Task Transition_FromFinal_IsRefusedAndLeavesTheRow(JobState final)
    {
        using var store = await _folder.OpenAsync();
        var job = await store.AddAsync(StoreFolder.NewJob());
        await store.TransitionAsync(job.Id, JobState.Submitted);
        var ended = await store.TransitionAsync(job.Id, final);

        var error = await Assert.ThrowsAsync<JobTransitionException>(() => store.TransitionAsync(job.Id, JobState.Waiting));

        Assert.Equal(final, error.From);
        Assert.Null(await store.TryTransitionAsync(job.Id, JobState.Cancelled));
        var stored = await store.GetAsync(job.Id);
        Assert.Equal(final, stored!.State);
        Assert.Equal(ended.Version, stored.Version);
        Assert.Equal(ended.FinishedAt, stored.FinishedAt);
    }

    [Fact]
    public async Task Transition_UnknownJob_ThrowsOrTryGivesNull()
    {
        using var store = await _folder.OpenAsync();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.TransitionAsync(7, JobState.Cancelled));
        Assert.Null(await store.TryTransitionAsync(7, JobState.Cancelled));
    }

    [Fact]
    public async Task Transition_CancelRacingFinish_ExactlyOneWins()
    {
        using var store = await _folder.OpenAsync();
        var job = await store.AddAsync(StoreFolder.NewJob());
        await store.TransitionAsync(job.Id, JobState.Running);

        var results = await Task.WhenAll(
            Task.Run(() => store.TryTransitionAsync(job.Id, JobState.Cancelled)),
            Task.Run(() => store.TryTransitionAsync(job.Id, JobState.Succeeded)));

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(winner!.State, (await store.GetAsync(job.Id))!.State);
    }

    [Fact]
    public async Task MarkFinalDelivered_TwoConcurrentCallers_OnlyOneGetsTrue()
    {
        using var store = await _folder.OpenAsync();
        using var otherProcess = await _folder.OpenAsync();
        for (var round = 0; round < 20; round++)
        {
            var id = (await store.AddAsync(StoreFolder.NewJob())).Id;
            await store.TransitionAsync(id, JobState.Cancelled);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var a = Task.Run(async () => { await gate.Task; return await store.MarkFinalDeliveredAsync(id); });
            var b = Task.Run(async () => { await gate.Task; return await otherProcess.MarkFinalDeliveredAsync(id); });
            gate.SetResult();

            var results = await Task.WhenAll(a, b);

            Assert.Single(results, r => r);
            Assert.True((await store.GetAsync(id))!.FinalDelivered);
        }
    }

    [Fact]
    public async Task MarkFinalDelivered_AfterRestart_StaysDelivered()
    {
        long id;
        using (var before = await _folder.OpenAsync())
        {
            id = (await before.AddAsync(StoreFolder.NewJob())).Id;
            await before.TransitionAsync(id, JobState.Cancelled);
            Assert.True(await before.MarkFinalDeliveredAsync(id));
        }

        using var after = await _folder.OpenAsync();

        Assert.False(await after.MarkFinalDeliveredAsync(id));
    }

    [Fact]
    public async Task MarkFinalDelivered_NotFinal_IsAnError()
    {
        using var store = await _folder.OpenAsync();
        var job = await store.AddAsync(StoreFolder.NewJob());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.MarkFinalDeliveredAsync(job.Id));

        Assert.Contains("is Waiting", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.MarkFinalDeliveredAsync(job.Id + 100));
    }

    public void Dispose() => _folder.Dispose();
}

using ComfyBot.Comfy;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Store;

namespace ComfyBot.Core.Tests.Store;

public sealed class JobStoreTests : IDisposable
{
    private const string NastyPrompt = "a \"lighthouse\" at dusk; DROP TABLE jobs; -- 🌅\n\ttabs\\backslash ' quote \u0000 nul \u2028 ünïcödé";

    private readonly StoreFolder _folder = new();

    [Fact]
    public async Task Add_AssignsIdVersionOrderAndCreatedAt()
    {
        using var store = await _folder.OpenAsync();

        var first = await store.AddAsync(StoreFolder.NewJob());
        _folder.Time.Advance(TimeSpan.FromSeconds(3));
        var second = await store.AddAsync(StoreFolder.NewJob());

        Assert.True(first.Id > 0);
        Assert.Equal(first.Id + 1, second.Id);
        Assert.Equal(1, first.Version);
        Assert.True(second.QueueOrder > first.QueueOrder);
        Assert.Equal(_folder.Time.GetUtcNow(), second.CreatedAt);
        Assert.Equal($"#{first.Id}", first.DisplayId);
    }

    [Fact]
    public async Task Add_ManyConcurrentCallersOnTwoStores_GetDistinctIdsAndOrders()
    {
        using var store = await _folder.OpenAsync();
        using var other = await _folder.OpenAsync();

        var added = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => (i % 2 == 0 ? store : other).AddAsync(StoreFolder.NewJob(owner: (ulong)i)))));

        Assert.Equal(40, added.Select(j => j.Id).Distinct().Count());
        Assert.Equal(40, added.Select(j => j.QueueOrder).Distinct().Count());
        Assert.Equal(40, (await store.ListActiveAsync()).Count);
    }

    [Fact]
    public async Task Add_NotWaitingOrWithId_IsRefused()
    {
        using var store = await _folder.OpenAsync();

        var running = await Assert.ThrowsAsync<ArgumentException>(() => store.AddAsync(StoreFolder.NewJob() with { State = JobState.Running }));
        var withId = await Assert.ThrowsAsync<ArgumentException>(() => store.AddAsync(StoreFolder.NewJob() with { Id = 5 }));

        Assert.Contains("starts Waiting", running.Message, StringComparison.Ordinal);
        Assert.Contains("already has an id", withId.Message, StringComparison.Ordinal);
        var weightless = await Assert.ThrowsAsync<ArgumentException>(() => store.AddAsync(StoreFolder.NewJob() with { Weight = 0 }));
        Assert.Contains("weight must be at least 1", weightless.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListActiveAsync());
    }

    [Fact]
    public async Task RoundTrip_EveryFieldSet_ComesBackEqual()
    {
        using var store = await _folder.OpenAsync();
        var t0 = new DateTimeOffset(2026, 11, 27, 4, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        var outputs = new[]
        {
            new OutputFile("9", "images", new ComfyFile("ComfyUI_00001_.png", "", "output")),
            new OutputFile("12", "gifs", new ComfyFile("anim \"1\".webp", "sub/dir", "temp")),
        };
        var added = await store.AddAsync(new Job
        {
            Owner = new JobOwner(ulong.MaxValue, "Zoë \"the\" 🎨 artist"),
            GuildId = ulong.MaxValue - 1,
            ChannelId = 1UL << 63,
            Workflow = "hires regional",
            Parameters = new WorkflowParameters
            {
                Prompt = NastyPrompt, Negative = "", Seed = ulong.MaxValue, Width = 1024, Height = 768, Batch = 4, Steps = 30,
                Cfg = 7.25, Sampler = "euler", Scheduler = "karras", Checkpoint = "sd_xl.safetensors", Denoise = 0.5, Image = "in/a.png",
            },
            Seed = ulong.MaxValue,
            Weight = 3,
            CreatedAt = t0,
            ClientId = "comfybot-a-77",
            ChatTarget = "{\"token\":\"secret\",\"messages\":[1,2]}",
        });
        var finished = added with
        {
            State = JobState.Submitted,
            SubmittedAt = t0.AddSeconds(1),
            StartedAt = t0.AddSeconds(2),
            FinishedAt = t0.AddSeconds(3),
            Backend = "gpu-1",
            PromptId = "3f2a-uuid",
            Attempts = 2,
            Detail = "cancelled by <@1>",
            Outputs = outputs,
        };
        var updated = await store.UpdateAsync(finished);

        var read = await store.GetAsync(added.Id);

        Assert.NotNull(read);
        Assert.Equal(updated with { Outputs = [] }, read with { Outputs = [] });
        Assert.Equal(outputs, read.Outputs);
        Assert.Equal(NastyPrompt, read.Parameters.Prompt);
        Assert.Equal(ulong.MaxValue, read.Seed);
        Assert.Equal(ulong.MaxValue, read.Parameters.Seed);
        Assert.Equal(ulong.MaxValue, read.Owner.MemberId);
        Assert.Equal(t0.AddSeconds(3), read.FinishedAt);
        Assert.Equal(2, read.Version);
    }

    [Fact]
    public async Task RoundTrip_NullOptionals_StayNull()
    {
        using var store = await _folder.OpenAsync();
        var added = await store.AddAsync(new Job { Owner = new JobOwner(0, ""), ChannelId = 0, Workflow = "w" });

        var read = await store.GetAsync(added.Id);

        Assert.NotNull(read);
        Assert.Equal(added with { Outputs = [] }, read with { Outputs = [] });
        Assert.Empty(read.Outputs);
        Assert.Null(read.GuildId);
        Assert.Null(read.Seed);
        Assert.Null(read.SubmittedAt);
        Assert.Null(read.Backend);
        Assert.Null(read.ChatTarget);
        Assert.Equal(WorkflowParameters.None, read.Parameters);
    }

    [Fact]
    public async Task Get_Unknown_IsNull()
    {
        using var store = await _folder.OpenAsync();

        Assert.Null(await store.GetAsync(404));
    }

    [Fact]
    public async Task Update_StaleCopy_IsRefused()
    {
        using var store = await _folder.OpenAsync();
        var added = await store.AddAsync(StoreFolder.NewJob());
        await store.UpdateAsync(added with { Detail = "first" });

        var error = await Assert.ThrowsAsync<JobConcurrencyException>(() => store.UpdateAsync(added with { Detail = "second" }));

        Assert.Equal(added.Id, error.JobId);
        Assert.Equal("first", (await store.GetAsync(added.Id))!.Detail);
    }

    [Fact]
    public async Task Update_FinalJobBackToWaiting_IsRefused()
    {
        using var store = await _folder.OpenAsync();
        var added = await store.AddAsync(StoreFolder.NewJob());
        var cancelled = await store.TransitionAsync(added.Id, JobState.Cancelled);

        await Assert.ThrowsAsync<JobTransitionException>(() => store.UpdateAsync(cancelled with { State = JobState.Waiting }));
        Assert.Equal(JobState.Cancelled, (await store.GetAsync(added.Id))!.State);
    }

    [Fact]
    public async Task Update_CannotSetDeliveredFlag()
    {
        using var store = await _folder.OpenAsync();
        var added = await store.AddAsync(StoreFolder.NewJob());
        var done = await store.TransitionAsync(added.Id, JobState.Failed);

        var updated = await store.UpdateAsync(done with { FinalDelivered = true, ChatTarget = "{}" });

        Assert.False(updated.FinalDelivered);
        Assert.True(await store.MarkFinalDeliveredAsync(added.Id));
    }

    [Fact]
    public async Task Update_Unknown_SaysNotInStore()
    {
        using var store = await _folder.OpenAsync();

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => store.UpdateAsync(StoreFolder.NewJob() with { Id = 99 }));

        Assert.Equal("Job #99 is not in the job store.", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}

using System.Collections.Concurrent;
using ComfyBot.Comfy.Templates;
using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;
using ComfyBot.Core.Tests.Backends;
using ComfyBot.Core.Tests.Progress;
using ComfyBot.Core.Workflows;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Running;

/// <summary>
/// The dispatch and run rules on a fake clock, through the backend seam: no simulator, no socket, and time moves only
/// when the test says so.
/// </summary>
public sealed class JobEngineFakeClockTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));
    private readonly FakeJobBackend _backend = new();
    private readonly ConcurrentDictionary<long, RecordingJobView> _views = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "comfybot-fakeclock-" + Guid.NewGuid().ToString("N"));
    private readonly JobServiceOptions _options = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        OfflineRetryDelay = TimeSpan.FromSeconds(30),
        Reply = { Interval = TimeSpan.Zero, FinalRetryDelay = TimeSpan.Zero },
    };

    private JobStore _store = null!;
    private JobService _service = null!;

    public async Task InitializeAsync()
    {
        _store = await JobStore.OpenAsync(new JobStoreOptions { Path = Path.Combine(_folder, "jobs.db") }, _time);
        _service = new JobService(
            _store,
            null,
            [_backend],
            new JobPolicy(new JobPolicyOptions(), _time),
            new WorkflowCatalog([new WorkflowDefinition("txt2img", TemplateFixtures.Load("txt2img.json"))]),
            job => _views.GetOrAdd(job.Id, _ => new RecordingJobView(_time)),
            _options,
            _time,
            NullLoggerFactory.Instance);
        await _service.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        _store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    [Fact]
    public async Task A_server_whose_stream_does_not_connect_is_held_for_the_retry_delay_then_takes_the_job()
    {
        _backend.StreamHangs = true;
        var job = await SubmitAsync(1);
        await _backend.NextScopeRequestAsync();

        _time.Advance(_options.ConnectTimeout);
        await WaitForTextAsync(job.Id, t => t.Contains(ReplyTexts.Offline, StringComparison.Ordinal));

        // The reply says so first, then the job goes back to the store's queue: wait for that, not for a moment.
        await Polling.UntilAsync(async () => (await _store.GetAsync(job.Id))!.State == JobState.Waiting);

        // Held: nothing is sent to it before the hold ends, however often the dispatcher wakes.
        _backend.StreamHangs = false;
        _service.Resume();
        _time.Advance(_options.OfflineRetryDelay - TimeSpan.FromSeconds(1));
        await Polling.UntilAsync(() => Task.FromResult(_service.ListQueue().Any(e => e.Job.Id == job.Id && e.Position == 1)));

        _time.Advance(TimeSpan.FromSeconds(1));
        await _backend.NextScopeRequestAsync();
        var prompt = await _backend.NextPromptAsync();
        await Polling.UntilAsync(() => Task.FromResult(_service.ListQueue().Single().Job.State == JobState.Submitted));

        prompt.End(new JobInterrupted(prompt.PromptId, null, null));
        Assert.Equal(ProgressView.Ended(new JobInterrupted(prompt.PromptId, null, null)), (await WaitForFinalAsync(job.Id)).Text);
    }

    [Fact]
    public async Task Cancelling_a_job_only_queued_on_the_server_deletes_it_and_never_interrupts()
    {
        var job = await SubmitAsync(1);
        var prompt = await _backend.NextPromptAsync();
        await Polling.UntilAsync(() => Task.FromResult(_service.ListQueue().Single().Job.State == JobState.Submitted));

        Assert.Equal(CancelResult.Stopping, await _service.CancelAsync(job.Id, 1, "member-1", isAdmin: false));

        Assert.Equal("🚫 Cancelled by member-1.", (await WaitForFinalAsync(job.Id)).Text);
        Assert.Equal([$"delete:{prompt.PromptId}", $"running?:{prompt.PromptId}"], _backend.Calls);
    }

    [Fact]
    public async Task Cancelling_a_running_job_interrupts_it_once_queue_shows_it_running()
    {
        var job = await SubmitAsync(1);
        var prompt = await _backend.NextPromptAsync();
        _backend.Running[prompt.PromptId] = true;
        prompt.Snapshots.Writer.TryWrite(new JobRunning(prompt.PromptId, "3", "KSampler", 1, 4, 0.25, null, []));
        await WaitForTextAsync(job.Id, t => t.Contains("step 1/4", StringComparison.Ordinal));

        Assert.Equal(CancelResult.Stopping, await _service.CancelAsync(job.Id, 1, "member-1", isAdmin: false));
        Assert.Equal([$"running?:{prompt.PromptId}", $"interrupt:{prompt.PromptId}"], _backend.Calls);

        prompt.End(new JobInterrupted(prompt.PromptId, "3", "KSampler"));
        Assert.Equal("🚫 Cancelled by member-1.", (await WaitForFinalAsync(job.Id)).Text);
        Assert.Equal(JobState.Cancelled, (await _store.GetAsync(job.Id))!.State);
    }

    [Fact]
    public async Task A_success_whose_images_cannot_be_fetched_still_ends_with_the_reason_and_leaves_memory()
    {
        var job = await SubmitAsync(1);
        var prompt = await _backend.NextPromptAsync();

        prompt.End(new JobSucceeded(prompt.PromptId, [new ComfyBot.Comfy.OutputFile("9", "images", new ComfyBot.Comfy.ComfyFile("out_00001_.png", string.Empty, "output"))]));

        var final = await WaitForFinalAsync(job.Id);
        Assert.StartsWith("❌ The GPU server finished, but none of its images could be read: 'out_00001_.png' could not be fetched from gpu-1", final.Text, StringComparison.Ordinal);
        Assert.Empty(_service.ListQueue());
        Assert.Equal(JobState.Failed, (await _store.GetAsync(job.Id))!.State);
    }

    private async Task<Job> SubmitAsync(ulong member)
    {
        var result = await _service.SubmitAsync(new JobSubmission(new JobOwner(member, $"member-{member}"), [], 555, "txt2img", WorkflowParameters.None with { Prompt = "a lighthouse", Steps = 4 }))
            .WaitAsync(JobServiceRig.HangGuard);
        Assert.True(result.IsQueued, result.Refusal?.Message);
        return result.Job!;
    }

    private RecordingJobView View(long jobId) => _views.GetOrAdd(jobId, _ => new RecordingJobView(_time));

    private async Task WaitForTextAsync(long jobId, Func<string, bool> match)
    {
        var view = View(jobId);
        while (true)
        {
            var calls = view.Calls;
            if (calls.Any(c => match(c.State.Text)))
            {
                return;
            }

            await view.WaitForCallsAsync(calls.Count + 1).WaitAsync(JobServiceRig.HangGuard);
        }
    }

    private async Task<ReplyState> WaitForFinalAsync(long jobId)
    {
        await WaitForTextAsync(jobId, _ => View(jobId).Calls.Any(c => c.State.IsFinal));
        return View(jobId).Calls.Single(c => c.State.IsFinal).State;
    }
}

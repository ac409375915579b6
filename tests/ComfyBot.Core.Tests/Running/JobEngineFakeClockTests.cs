using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Core.Tests.Progress;
using ComfyBot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Running;

/// <summary>
/// The dispatch and run rules on a fake clock, through the backend seam: no simulator, no socket, and time moves only
/// when the test says so.
/// </summary>
public sealed class JobEngineFakeClockTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));
    private readonly JobServiceOptions _options = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        OfflineRetryDelay = TimeSpan.FromSeconds(30),
        Reply = { Interval = TimeSpan.Zero, FinalRetryDelay = TimeSpan.Zero },
    };

    private FakeClockJobRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await FakeClockJobRig.StartAsync(_time, _options);
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
    }

    [Fact]
    public async Task A_server_whose_stream_does_not_connect_is_held_for_the_retry_delay_then_takes_the_job()
    {
        _rig.Backend.StreamHangs = true;
        var job = await SubmitAsync(1);
        await _rig.Backend.NextScopeRequestAsync();

        _time.Advance(_options.ConnectTimeout);
        await WaitForTextAsync(job.Id, t => t.Contains(ReplyTexts.Offline, StringComparison.Ordinal));

        // The reply says so first, then the job goes back to the store's queue: wait for that, not for a moment.
        await Polling.UntilAsync(async () => (await _rig.Store.GetAsync(job.Id))!.State == JobState.Waiting);

        // Held: nothing is sent to it before the hold ends, however often the dispatcher wakes.
        _rig.Backend.StreamHangs = false;
        _rig.Service.Resume();
        _time.Advance(_options.OfflineRetryDelay - TimeSpan.FromSeconds(1));
        await Polling.UntilAsync(() => Task.FromResult(_rig.Service.ListQueue().Any(e => e.Job.Id == job.Id && e.Position == 1)));

        _time.Advance(TimeSpan.FromSeconds(1));
        await _rig.Backend.NextScopeRequestAsync();
        var prompt = await _rig.Backend.NextPromptAsync();
        await Polling.UntilAsync(() => Task.FromResult(_rig.Service.ListQueue().Single().Job.State == JobState.Submitted));

        prompt.End(new JobInterrupted(prompt.PromptId, null, null));
        Assert.Equal(ProgressView.Ended(new JobInterrupted(prompt.PromptId, null, null)), (await WaitForFinalAsync(job.Id)).Text);
    }

    [Fact]
    public async Task Cancelling_a_job_only_queued_on_the_server_deletes_it_and_never_interrupts()
    {
        var job = await SubmitAsync(1);
        var prompt = await _rig.Backend.NextPromptAsync();
        await Polling.UntilAsync(() => Task.FromResult(_rig.Service.ListQueue().Single().Job.State == JobState.Submitted));

        Assert.Equal(CancelResult.Stopping, await _rig.Service.CancelAsync(job.Id, 1, "member-1", isAdmin: false));

        Assert.Equal("🚫 Cancelled by member-1.", (await WaitForFinalAsync(job.Id)).Text);
        Assert.Equal([$"delete:{prompt.PromptId}", $"running?:{prompt.PromptId}"], _rig.Backend.Calls);
    }

    [Fact]
    public async Task Cancelling_a_running_job_interrupts_it_once_queue_shows_it_running()
    {
        var job = await SubmitAsync(1);
        var prompt = await _rig.Backend.NextPromptAsync();
        _rig.Backend.Running[prompt.PromptId] = true;
        prompt.Snapshots.Writer.TryWrite(new JobRunning(prompt.PromptId, "3", "KSampler", 1, 4, 0.25, null, []));
        await WaitForTextAsync(job.Id, t => t.Contains("step 1/4", StringComparison.Ordinal));

        Assert.Equal(CancelResult.Stopping, await _rig.Service.CancelAsync(job.Id, 1, "member-1", isAdmin: false));
        Assert.Equal([$"running?:{prompt.PromptId}", $"interrupt:{prompt.PromptId}"], _rig.Backend.Calls);

        prompt.End(new JobInterrupted(prompt.PromptId, "3", "KSampler"));
        Assert.Equal("🚫 Cancelled by member-1.", (await WaitForFinalAsync(job.Id)).Text);
        Assert.Equal(JobState.Cancelled, (await _rig.Store.GetAsync(job.Id))!.State);
    }

    [Fact]
    public async Task A_success_whose_images_cannot_be_fetched_still_ends_with_the_reason_and_leaves_memory()
    {
        var job = await SubmitAsync(1);
        var prompt = await _rig.Backend.NextPromptAsync();

        prompt.End(new JobSucceeded(prompt.PromptId, [new ComfyBot.Comfy.OutputFile("9", "images", new ComfyBot.Comfy.ComfyFile("out_00001_.png", string.Empty, "output"))]));

        var final = await WaitForFinalAsync(job.Id);
        Assert.StartsWith("❌ The GPU server finished, but none of its images could be read: 'out_00001_.png' could not be fetched from gpu-1", final.Text, StringComparison.Ordinal);
        Assert.Empty(_rig.Service.ListQueue());
        Assert.Equal(JobState.Failed, (await _rig.Store.GetAsync(job.Id))!.State);
    }

    private Task<Job> SubmitAsync(ulong member) => _rig.SubmitAsync(member, $"member-{member}");

    private RecordingJobView View(long jobId) => _rig.View(jobId);

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

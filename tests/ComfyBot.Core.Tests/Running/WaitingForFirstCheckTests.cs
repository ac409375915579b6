using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Running;

/// <summary>
/// Issue 15: a job waiting while the servers' first check has not answered (a job reloaded at a restart, or queued in
/// the first instants) says it waits for that check: "GPU server offline" or "no server can run it" would not be true.
/// Through the backend seam on a fake clock.
/// </summary>
public sealed class WaitingForFirstCheckTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));
    private FakeClockJobRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await FakeClockJobRig.StartAsync(_time, new JobServiceOptions { Reply = { Interval = TimeSpan.Zero, FinalRetryDelay = TimeSpan.Zero } });
        _rig.Backend.Health = BackendHealth.NotCheckedYet;
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task A_job_queued_before_the_first_check_says_it_waits_for_it_not_offline_and_starts_once_the_server_is_up()
    {
        var result = await _rig.Service.SubmitAsync(new JobSubmission(new JobOwner(1, "member-1"), [], 555, "txt2img", WorkflowParameters.None with { Prompt = "a lighthouse", Steps = 4 }))
            .WaitAsync(JobServiceRig.HangGuard);
        var job = result.Job!;

        var text = await WaitForTextAsync(job.Id, t => t.Contains(ReplyTexts.FirstCheck, StringComparison.Ordinal));

        Assert.DoesNotContain(ReplyTexts.Offline, text, StringComparison.Ordinal);
        Assert.Empty(_rig.Backend.Calls);

        // Its first check answers: the server is up, and the job goes to it.
        _rig.Backend.Health = BackendHealth.NotCheckedYet with { State = BackendState.Up };
        _rig.Service.Resume();
        await _rig.Backend.NextPromptAsync();
    }

    private async Task<string> WaitForTextAsync(long jobId, Func<string, bool> match)
    {
        var view = _rig.View(jobId);
        while (true)
        {
            var calls = view.Calls;
            var texts = calls.Select(c => c.State.Text).Where(match).ToList();
            if (texts.Count > 0)
            {
                return texts[0];
            }

            await view.WaitForCallsAsync(calls.Count + 1).WaitAsync(JobServiceRig.HangGuard);
        }
    }
}

using System.Collections.Concurrent;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;
using ComfyBot.Core.Tests.Backends;
using ComfyBot.Core.Tests.Progress;
using ComfyBot.Core.Workflows;
using Microsoft.Extensions.Logging.Abstractions;
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
    private readonly FakeJobBackend _backend = new() { Health = BackendHealth.NotCheckedYet };
    private readonly ConcurrentDictionary<long, RecordingJobView> _views = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "comfybot-firstcheck-" + Guid.NewGuid().ToString("N"));
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
            new JobServiceOptions { Reply = { Interval = TimeSpan.Zero, FinalRetryDelay = TimeSpan.Zero } },
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
    public async Task A_job_queued_before_the_first_check_says_it_waits_for_it_not_offline_and_starts_once_the_server_is_up()
    {
        var result = await _service.SubmitAsync(new JobSubmission(new JobOwner(1, "member-1"), [], 555, "txt2img", WorkflowParameters.None with { Prompt = "a lighthouse", Steps = 4 }))
            .WaitAsync(JobServiceRig.HangGuard);
        var job = result.Job!;

        var text = await WaitForTextAsync(job.Id, t => t.Contains(ReplyTexts.FirstCheck, StringComparison.Ordinal));

        Assert.DoesNotContain(ReplyTexts.Offline, text, StringComparison.Ordinal);
        Assert.Empty(_backend.Calls);

        // Its first check answers: the server is up, and the job goes to it.
        _backend.Health = BackendHealth.NotCheckedYet with { State = BackendState.Up };
        _service.Resume();
        await _backend.NextPromptAsync();
    }

    private async Task<string> WaitForTextAsync(long jobId, Func<string, bool> match)
    {
        var view = _views.GetOrAdd(jobId, _ => new RecordingJobView(_time));
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

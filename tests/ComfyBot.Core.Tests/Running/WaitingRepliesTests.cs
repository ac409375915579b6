using System.Collections.Concurrent;
using ComfyBot.Comfy.Templates;
using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
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
/// Issue 15: draining a long queue does not refresh every waiting reply on every dispatch (O(n²) in all). Counted, not
/// timed: the dispatcher's rounds count the replies they refresh.
/// </summary>
public sealed class WaitingRepliesTests : IAsyncLifetime
{
    private const int Jobs = 100;
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));
    private readonly FakeJobBackend _backend = new();
    private readonly ConcurrentDictionary<long, RecordingJobView> _views = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "comfybot-waiting-" + Guid.NewGuid().ToString("N"));

    private JobStore _store = null!;
    private JobService _service = null!;

    public async Task InitializeAsync()
    {
        _store = await JobStore.OpenAsync(new JobStoreOptions { Path = Path.Combine(_folder, "jobs.db") }, _time);
        _service = new JobService(
            _store,
            null,
            [_backend],
            new JobPolicy(new JobPolicyOptions { MaxQueuedPerMember = Jobs }, _time),
            new WorkflowCatalog([new WorkflowDefinition("txt2img", TemplateFixtures.Load("txt2img.json"))]),
            job => _views.GetOrAdd(job.Id, _ => new RecordingJobView(_time)),
            new JobServiceOptions { Reply = { Interval = Interval, FinalRetryDelay = TimeSpan.Zero } },
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
    public async Task Draining_the_queue_refreshes_the_first_places_on_each_dispatch_and_the_rest_once_per_reply_interval()
    {
        _service.Pause();
        for (var i = 0; i < Jobs; i++)
        {
            var result = await _service.SubmitAsync(new JobSubmission(new JobOwner((ulong)(i % 20) + 1, "member"), [], 555, "txt2img", WorkflowParameters.None with { Prompt = "a lighthouse", Steps = 4 }))
                .WaitAsync(JobServiceRig.HangGuard);
            Assert.True(result.IsQueued, result.Refusal?.Message);
        }

        // Each job is shown once as it arrives (it is marked), whatever the interval.
        await Polling.UntilAsync(() => Task.FromResult(_service.WaitingRepliesRefreshed >= Jobs));
        var queued = _service.WaitingRepliesRefreshed;

        // The resume changes why every job waits, so every reply is shown at once; after it, each dispatch shows the
        // first places only. The old loop showed every waiting reply on every dispatch: about Jobs²/2 in all.
        _service.Resume();
        await DispatchAndEndAsync(Jobs / 2);
        var halfway = _service.WaitingRepliesRefreshed - queued;
        Assert.InRange(halfway, Jobs, Jobs + ((Jobs / 2) * (WaitingReplies.FrontPlaces + 1)));

        // A reply interval later the places further back are shown again, with no dispatch to bring the round.
        var beforeCatchUp = _service.WaitingRepliesRefreshed;
        _time.Advance(Interval);
        await Polling.UntilAsync(() => Task.FromResult(_service.WaitingRepliesRefreshed - beforeCatchUp >= (Jobs / 2) - 1));

        await DispatchAndEndAsync(Jobs - (Jobs / 2));
        await Polling.UntilAsync(() => Task.FromResult(_service.ListQueue().Count == 0));
        Assert.InRange(_service.WaitingRepliesRefreshed - queued, Jobs, 2 * Jobs + (Jobs * (WaitingReplies.FrontPlaces + 1)));
    }

    private async Task DispatchAndEndAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var prompt = await _backend.NextPromptAsync();
            prompt.End(new JobInterrupted(prompt.PromptId, null, null));
        }
    }
}

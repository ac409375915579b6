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
/// Issue 15, "flat at scale": a full refresh of the waiting replies looks at the replies it may show, not at every
/// waiting job (at 10,000 waiting, each one walked the whole queue), and shows exactly what a walk of every place
/// shows. Counted (replies looked at), never timed.
/// </summary>
public sealed class WaitingRepliesFlatCostTests : IAsyncLifetime
{
    private const int Jobs = 400;
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));
    private readonly FakeJobBackend _backend = new();
    private readonly ConcurrentDictionary<long, RecordingJobView> _views = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "comfybot-flat-" + Guid.NewGuid().ToString("N"));

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
    public async Task Draining_the_queue_looks_at_the_replies_a_full_refresh_may_show_not_at_every_waiting_one()
    {
        const int Takes = 150;
        _service.Pause();
        for (var i = 0; i < Jobs; i++)
        {
            await SubmitAsync((ulong)(i % 20) + 1);
        }

        await Polling.UntilAsync(() => _service.WaitingRepliesRefreshed >= Jobs);
        var walked = _service.WaitingReplies.Walked;
        var shown = _service.WaitingRepliesRefreshed;

        // Every take is a reply interval after the last, so every round is a full refresh. Each one walked every
        // waiting reply before: about Takes x (Jobs - Takes / 2) = 48,750 here.
        _service.Resume();
        for (var i = 0; i < Takes; i++)
        {
            var prompt = await _backend.NextPromptAsync();
            _time.Advance(Interval);
            prompt.End(new JobInterrupted(prompt.PromptId, null, null));
        }

        _ = await _backend.NextPromptAsync();
        var looked = _service.WaitingReplies.Walked - walked;
        var showed = _service.WaitingRepliesRefreshed - shown;

        // The resume changes why every job waits: one walk of every place. After it, each round looks at the first
        // places and the replies due, each one about once per show.
        Assert.True(looked <= Jobs + (2 * showed) + (Takes * (WaitingReplies.FrontPlaces + 1)), $"{looked} replies looked at for {showed} shown over {Takes} takes of {Jobs}");
        Assert.True(looked < Takes * Jobs / 4, $"{looked} replies looked at over {Takes} takes of {Jobs}");
    }

    [Fact]
    public async Task The_places_shown_while_a_queue_grows_and_drains_are_those_a_walk_of_every_place_shows()
    {
        _service.WaitingReplies.CheckAgainstWalk = true;
        _service.Pause();

        // Growing: members join late (their first job goes ahead of the long queues, moving the places behind it
        // back), every submission a reply interval after the last, so that each one's round is a full refresh.
        for (var i = 0; i < 150; i++)
        {
            var member = i % 3 == 0 ? (ulong)(100 + i) : (ulong)(i % 12) + 1;
            var shown = _service.WaitingRepliesRefreshed;
            _time.Advance(Interval);
            await SubmitAsync(member);
            await Polling.UntilAsync(() => _service.WaitingRepliesRefreshed > shown);
        }

        var growing = _service.WaitingReplies.CheckedRounds;

        // Draining: rounds a full interval apart, less than one apart, and past the far places' 40 intervals.
        _service.Resume();
        for (var i = 0; i < 149; i++)
        {
            var prompt = await _backend.NextPromptAsync();
            _time.Advance(i % 17 == 16 ? Interval * WaitingReplies.FarIntervals : i % 3 == 2 ? Interval / 3 : Interval);
            prompt.End(new JobInterrupted(prompt.PromptId, null, null));
        }

        _ = await _backend.NextPromptAsync();
        var mismatches = _service.WaitingReplies.CheckMismatches;
        lock (mismatches)
        {
            Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(3)));
        }

        Assert.True(growing >= 100, $"{growing} full refreshes checked while the queue grew");
        Assert.True(_service.WaitingReplies.CheckedRounds - growing >= 60, $"{_service.WaitingReplies.CheckedRounds - growing} full refreshes checked while it drained");
    }

    private async Task SubmitAsync(ulong member)
    {
        var result = await _service.SubmitAsync(new JobSubmission(new JobOwner(member, "member"), [], 555, "txt2img", WorkflowParameters.None with { Prompt = "a lighthouse", Steps = 4 }))
            .WaitAsync(JobServiceRig.HangGuard);
        Assert.True(result.IsQueued, result.Refusal?.Message);
    }
}

using System.Collections.Concurrent;
using ComfyBot.Comfy.Templates;
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
/// Issue 15, the waiting-reply edit storm: a queue's place edits go through the engine's shared slots, so only
/// <see cref="ReplyThrottleOptions.MaxPlaceEditsInFlight"/> are in flight however long the queue, and a final edit
/// does not wait behind them. Before, every waiting reply had its edit in flight at once (2,927 in a dump).
/// </summary>
public sealed class WaitingReplyEditsTests : IAsyncLifetime
{
    private const int Jobs = 30;
    private const int Cap = 3;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeJobBackend _backend = new();
    private readonly ConcurrentDictionary<long, RecordingJobView> _views = new();
    private readonly ConcurrentQueue<TaskCompletionSource<ReplySendResult>> _holds = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "comfybot-edits-" + Guid.NewGuid().ToString("N"));

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
            job => _views.GetOrAdd(job.Id, _ => HeldView()),
            new JobServiceOptions { Reply = { Interval = TimeSpan.FromHours(1), FinalRetryDelay = TimeSpan.Zero, MaxPlaceEditsInFlight = Cap } },
            _time,
            NullLoggerFactory.Instance);
        await _service.StartAsync();
    }

    public async Task DisposeAsync()
    {
        ReleaseAll();
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
    public async Task A_long_queue_has_only_the_capped_number_of_place_edits_in_flight_and_a_final_edit_does_not_wait_for_them()
    {
        _service.Pause();
        var jobs = new List<long>();
        for (var i = 0; i < Jobs; i++)
        {
            var result = await _service.SubmitAsync(new JobSubmission(new JobOwner((ulong)i + 1, "member"), [], 555, "txt2img", WorkflowParameters.None with { Prompt = "a lighthouse", Steps = 4 }))
                .WaitAsync(JobServiceRig.HangGuard);
            Assert.True(result.IsQueued, result.Refusal?.Message);
            jobs.Add(result.Job!.Id);
        }

        await Polling.UntilAsync(() => Task.FromResult(_service.WaitingRepliesRefreshed >= Jobs));

        // Every reply was shown its place; every send hangs, and only the cap's worth of them were started.
        Assert.Equal(Cap, _views.Values.Count(v => v.Calls.Count > 0));

        // A job cancelled while its place edit waits for a slot gets its final edit at once.
        var waiting = jobs.First(id => _views[id].Calls.Count == 0);
        var cancel = await _service.CancelAsync(waiting, 1000, "admin", isAdmin: true).WaitAsync(JobServiceRig.HangGuard);
        await _views[waiting].WaitForCallsAsync(1);
        Assert.True(_views[waiting].Calls[0].State.IsFinal, $"{cancel}: {_views[waiting].Texts[0]}");
        Assert.Equal(Cap, _views.Where(p => p.Key != waiting).Count(p => p.Value.Calls.Count > 0));

        // Once the sends answer, every other waiting reply shows its place in turn.
        ReleaseAll();
        foreach (var id in jobs.Where(id => id != waiting))
        {
            await _views[id].WaitForCallsAsync(1);
            Assert.Contains("Queued", _views[id].Texts[0], StringComparison.Ordinal);
        }
    }

    private RecordingJobView HeldView()
    {
        var view = new RecordingJobView(_time);
        _holds.Enqueue(view.HoldNext());
        return view;
    }

    private void ReleaseAll()
    {
        foreach (var hold in _holds)
        {
            hold.TrySetResult(ReplySendResult.Sent);
        }
    }
}

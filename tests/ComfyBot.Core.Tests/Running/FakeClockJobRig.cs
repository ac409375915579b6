using System.Collections.Concurrent;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;
using ComfyBot.Core.Tests.Backends;
using ComfyBot.Core.Tests.Progress;
using ComfyBot.Core.Workflows;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Running;

/// <summary>
/// A JobService on a fake clock through the backend seam: one <see cref="FakeJobBackend"/> (no simulator, no socket),
/// a SQLite file in a temp folder, and one <see cref="RecordingJobView"/> per job (looked up by job id). Time moves
/// only when the test says so.
/// </summary>
internal sealed class FakeClockJobRig : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "comfybot-fakeclock-" + Guid.NewGuid().ToString("N"));
    private readonly Func<RecordingJobView> _newView;

    private FakeClockJobRig(FakeTimeProvider time, Func<RecordingJobView>? newView)
    {
        Time = time;
        _newView = newView ?? (() => new RecordingJobView(time));
    }

    public FakeTimeProvider Time { get; }

    public FakeJobBackend Backend { get; } = new();

    public ConcurrentDictionary<long, RecordingJobView> Views { get; } = new();

    public JobStore Store { get; private set; } = null!;

    public JobService Service { get; private set; } = null!;

    /// <summary>Opens the store and starts the service with <paramref name="options"/> and <paramref name="policy"/>; <paramref name="newView"/> makes each job's view (a plain recording one when null).</summary>
    public static async Task<FakeClockJobRig> StartAsync(FakeTimeProvider time, JobServiceOptions options, JobPolicyOptions? policy = null, Func<RecordingJobView>? newView = null)
    {
        var rig = new FakeClockJobRig(time, newView);
        rig.Store = await JobStore.OpenAsync(new JobStoreOptions { Path = Path.Combine(rig._folder, "jobs.db") }, time);
        rig.Service = new JobService(
            rig.Store,
            null,
            [rig.Backend],
            new JobPolicy(policy ?? new JobPolicyOptions(), time),
            new WorkflowCatalog([new WorkflowDefinition("txt2img", TemplateFixtures.Load("txt2img.json"))]),
            job => rig.View(job.Id),
            options,
            time,
            NullLoggerFactory.Instance);
        await rig.Service.StartAsync();
        return rig;
    }

    /// <summary>The view of job <paramref name="jobId"/> (made now when it has none yet).</summary>
    public RecordingJobView View(long jobId) => Views.GetOrAdd(jobId, _ => _newView());

    /// <summary>Submits a small txt2img job for <paramref name="member"/> and checks it was queued.</summary>
    public async Task<Job> SubmitAsync(ulong member, string name)
    {
        var result = await Service.SubmitAsync(new JobSubmission(new JobOwner(member, name), [], 555, "txt2img", WorkflowParameters.None with { Prompt = "a lighthouse", Steps = 4 }))
            .WaitAsync(JobServiceRig.HangGuard);
        Assert.True(result.IsQueued, result.Refusal?.Message);
        return result.Job!;
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        Store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

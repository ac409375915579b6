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
using ComfyBot.Simulator;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Core.Tests.Running;

/// <summary>
/// A JobService over real simulated ComfyUI servers on loopback and a SQLite file in a temp folder. Replies go to
/// one <see cref="RecordingJobView"/> per job (looked up by job id). The service runs on the system clock with
/// no pacing between edits, because the simulators' trackers run on it too; nothing here asserts on time.
/// </summary>
internal sealed class JobServiceRig : IAsyncDisposable
{
    public static readonly TimeSpan HangGuard = TestGuards.HangGuard;

    private readonly string _folder;
    private readonly ConcurrentDictionary<long, RecordingJobView> _views = new();
    private readonly ConcurrentQueue<long> _finals = new();
    private readonly List<JobService> _services = [];
    private readonly ErrorLog _errors = new();
    private readonly ErrorLog _lines = new(LogLevel.Information);
    private readonly ConcurrentQueue<System.Diagnostics.Activity> _spans = new();
    private readonly System.Diagnostics.ActivityListener _listener;
    private readonly ILoggerFactory _loggers;

    private readonly int _maxInFlight;

    private JobServiceRig(string folder, IReadOnlyList<ComfySimulator> simulators, int maxInFlight, IReadOnlyList<Backend> backends, BackendMonitor monitor, JobStore store)
    {
        _folder = folder;
        Simulators = simulators;
        _maxInFlight = maxInFlight;
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(_errors).AddProvider(_lines));

        // This rig's job spans only: other tests of the run start jobs of their own at the same time.
        _listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, Telemetry.Source),
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(_listener);
        Backends = backends;
        Monitor = monitor;
        Store = store;
    }

    public IReadOnlyList<ComfySimulator> Simulators { get; }

    public ComfySimulator Simulator => Simulators[0];

    public IReadOnlyList<Backend> Backends { get; private set; }

    public BackendMonitor Monitor { get; private set; }

    public JobStore Store { get; }

    public JobPolicyOptions Policy { get; } = new();

    public JobServiceOptions Options { get; } = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        Reply = { Interval = TimeSpan.Zero, FinalRetryDelay = TimeSpan.Zero },
    };

    public JobService Service => _services[^1];

    /// <summary>Every error the services logged, as text: background work that failed shows up here.</summary>
    public IReadOnlyCollection<string> Errors => _errors.Lines;

    /// <summary>Every line from Information up that the services logged.</summary>
    public IReadOnlyCollection<string> Lines => _lines.Lines;

    /// <summary>The job spans of this rig's services, each once it ended.</summary>
    public IReadOnlyCollection<System.Diagnostics.Activity> Spans => _spans;

    /// <summary>The source of this rig's job spans.</summary>
    public JobTelemetry Telemetry { get; } = new();

    /// <summary>Job ids in the order their final replies reached a view.</summary>
    public IReadOnlyList<long> FinalOrder => [.. _finals];

    /// <summary>The workflows; set before <see cref="StartServiceAsync"/> to try others.</summary>
    public WorkflowCatalog Workflows { get; set; } = new(
    [
        new WorkflowDefinition("txt2img", TemplateFixtures.Load("txt2img.json")),
        new WorkflowDefinition("fail", TemplateFixtures.Load("fail.json")),
    ]);

    public static async Task<JobServiceRig> StartAsync(int backends = 1, int maxInFlight = 2)
    {
        var simulators = new List<ComfySimulator>();
        for (var i = 0; i < backends; i++)
        {
            simulators.Add(await BackendRig.SimulatorAsync());
        }

        var (list, monitor) = await ConnectAsync(simulators, maxInFlight);
        var folder = Path.Combine(Path.GetTempPath(), "comfybot-jobservice-" + Guid.NewGuid().ToString("N"));
        var store = await JobStore.OpenAsync(new JobStoreOptions { Path = Path.Combine(folder, "jobs.db") }, TimeProvider.System);
        return new JobServiceRig(folder, simulators, maxInFlight, list, monitor, store);
    }

    /// <summary>
    /// Replaces the backends and the monitor with new ones on the same simulators, as a restarted bot has: no event
    /// stream open yet, each checked once. Start the next service after this.
    /// </summary>
    public async Task RenewBackendsAsync()
    {
        await Monitor.DisposeAsync();
        foreach (var backend in Backends)
        {
            await backend.DisposeAsync();
        }

        (Backends, Monitor) = await ConnectAsync(Simulators, _maxInFlight);
    }

    private static async Task<(IReadOnlyList<Backend> Backends, BackendMonitor Monitor)> ConnectAsync(IReadOnlyList<ComfySimulator> simulators, int maxInFlight)
    {
        var list = new List<Backend>();
        for (var i = 0; i < simulators.Count; i++)
        {
            var options = BackendRig.Options(simulators[i].BaseAddress, $"gpu-{i + 1}");
            options.MaxInFlight = maxInFlight;

            // A restarted simulator is back at once; short reconnect delays keep the restart tests quick.
            options.Events.ReconnectInitialDelay = TimeSpan.FromMilliseconds(50);
            options.Events.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
            list.Add(new Backend(options, "test", TimeProvider.System, NullLoggerFactory.Instance));
        }

        var monitor = BackendRig.Monitor(TimeProvider.System, [.. list]);
        await monitor.PollOnceAsync().WaitAsync(HangGuard);
        return (list, monitor);
    }

    /// <summary>Creates and starts a new JobService on the same store (a restart of the bot).</summary>
    /// <param name="time">The service's clock; the system clock when null.</param>
    public async Task<JobService> StartServiceAsync(TimeProvider? time = null)
    {
        var service = new JobService(
            Store,
            Monitor,
            new JobPolicy(Policy, TimeProvider.System),
            Workflows,
            ViewFor,
            Options,
            time ?? TimeProvider.System,
            _loggers,
            telemetry: Telemetry);
        _services.Add(service);
        await service.StartAsync().WaitAsync(HangGuard);
        return service;
    }

    /// <summary>Swaps every job's view for a fresh one, as a restarted bot would rebuild them.</summary>
    public void ForgetViews() => _views.Clear();

    public RecordingJobView View(long jobId) => _views.GetOrAdd(jobId, _ => new RecordingJobView(TimeProvider.System));

    public async Task<Job> SubmitAsync(ulong member, string prompt = "a lighthouse at dusk", string workflow = "txt2img", WorkflowParameters? parameters = null, long? byteLimit = null)
    {
        var result = await Service.SubmitAsync(new JobSubmission(
            new JobOwner(member, $"member-{member}"),
            [],
            555,
            workflow,
            (parameters ?? WorkflowParameters.None) with { Prompt = prompt, Steps = 4 }) { AttachmentByteLimit = byteLimit }).WaitAsync(HangGuard);
        Assert.True(result.IsQueued, result.Refusal?.Message);
        return result.Job!;
    }

    /// <summary>
    /// Waits until the job is in <paramref name="state"/> in the service's queue. Polled, not tied to the view: a move
    /// to Submitted need not bring a new reply text (places far back are refreshed at most once per interval).
    /// </summary>
    public Task WaitForStateAsync(long jobId, JobState state) =>
        Polling.UntilAsync(() => Service.ListQueue().Any(e => e.Job.Id == jobId && e.Job.State == state), HangGuard);

    /// <summary>Waits until the job's view was sent a text that matches.</summary>
    public async Task<string> WaitForTextAsync(long jobId, Func<string, bool> match)
    {
        var view = View(jobId);
        while (true)
        {
            var calls = view.Calls;
            if (calls.Select(c => c.State.Text).FirstOrDefault(match) is { } text)
            {
                return text;
            }

            await view.WaitForCallsAsync(calls.Count + 1).WaitAsync(HangGuard);
        }
    }

    /// <summary>Waits until the job's final state reached its view and the store marks it delivered.</summary>
    public async Task<ReplyState> WaitForFinalAsync(long jobId)
    {
        await WaitForTextAsync(jobId, _ => View(jobId).Calls.Any(c => c.State.IsFinal));

        // The mark follows the send, and nothing signals it.
        await Polling.UntilAsync(async () => (await Store.GetAsync(jobId))!.FinalDelivered, HangGuard);

        return View(jobId).Calls.Single(c => c.State.IsFinal).State;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }

        _listener.Dispose();
        Telemetry.Dispose();
        await Monitor.DisposeAsync();
        _loggers.Dispose();
        foreach (var backend in Backends)
        {
            await backend.DisposeAsync();
        }

        foreach (var simulator in Simulators)
        {
            await simulator.DisposeAsync();
        }

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

    private FinalNotifyingView ViewFor(Job job) => new FinalNotifyingView(View(job.Id), () => _finals.Enqueue(job.Id));

    private sealed class FinalNotifyingView(RecordingJobView inner, Action onFinal) : IJobView
    {
        public ValueTask<ReplySendResult> ShowAsync(ReplyState state, CancellationToken cancellationToken)
        {
            if (state.IsFinal)
            {
                onFinal();
            }

            return inner.ShowAsync(state, cancellationToken);
        }
    }
}

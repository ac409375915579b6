using System.Collections.Concurrent;
using System.Threading.Channels;
using ComfyBot.Comfy;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Templates;
using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Backends;

namespace ComfyBot.Core.Tests.Running;

/// <summary>
/// A stand-in GPU server behind the job engine's seam: no socket, no clock of its own. It records every request a job
/// makes of it, and the test decides what each prompt does (its snapshots and outcome) and whether /queue shows it running.
/// </summary>
internal sealed class FakeJobBackend(string name = "gpu-1", int maxInFlight = 1) : IJobBackend
{
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly Channel<FakePrompt> _submitted = Channel.CreateUnbounded<FakePrompt>();
    private readonly Channel<bool> _scopeRequests = Channel.CreateUnbounded<bool>();
    private int _prompts;

    public string Name { get; } = name;

    public int MaxInFlight { get; } = maxInFlight;

    public double Weight => 1;

    public BackendHealth Health { get; set; } = BackendHealth.Unknown with { State = BackendState.Up };

    /// <summary>While set, a scope's event stream never connects (a server that accepts nothing).</summary>
    public bool StreamHangs { get; set; }

    /// <summary>Prompt ids /queue shows running.</summary>
    public ConcurrentDictionary<string, bool> Running { get; } = new();

    /// <summary>Every request, in order: delete:id, running?:id, interrupt:id, upload:name, view:file.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    public bool CanRun(WorkflowTemplate template) => true;

    /// <summary>Waits for the next scope a job asks for.</summary>
    public async Task NextScopeRequestAsync() => await _scopeRequests.Reader.ReadAsync().AsTask().WaitAsync(JobServiceRig.HangGuard);

    /// <summary>Waits for the next prompt a job submits.</summary>
    public async Task<FakePrompt> NextPromptAsync() => await _submitted.Reader.ReadAsync().AsTask().WaitAsync(JobServiceRig.HangGuard);

    public async Task<IJobScope> OpenScopeAsync(string scopeKey, CancellationToken cancellationToken)
    {
        _scopeRequests.Writer.TryWrite(true);
        if (StreamHangs)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return new Scope(this, $"comfybot-test-{scopeKey}");
    }

    public Task<string> UploadImageAsync(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"upload:{fileName}");
        return Task.FromResult(fileName);
    }

    public Task DeleteFromQueueAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken)
    {
        foreach (var id in promptIds)
        {
            _calls.Enqueue($"delete:{id}");
        }

        return Task.CompletedTask;
    }

    public Task<bool> IsRunningAsync(string promptId, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"running?:{promptId}");
        return Task.FromResult(Running.ContainsKey(promptId));
    }

    public Task InterruptAsync(string promptId, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"interrupt:{promptId}");
        return Task.CompletedTask;
    }

    public Task<Stream> OpenFileAsync(ComfyFile file, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"view:{file.Filename}");
        return Task.FromException<Stream>(new ComfyUnavailableException($"{Name} serves no files"));
    }

    public List<string> Faults { get; } = [];

    public void MarkFaulty(string reason)
    {
        lock (Faults)
        {
            Faults.Add(reason);
        }
    }

    public void RecordFinished(TimeSpan generation)
    {
    }

    /// <summary>One submitted prompt: the test writes its snapshots and sets its outcome.</summary>
    internal sealed class FakePrompt(string promptId)
    {
        public string PromptId { get; } = promptId;

        public Channel<JobSnapshot> Snapshots { get; } = Channel.CreateUnbounded<JobSnapshot>();

        public TaskCompletionSource<JobOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void End(JobOutcome outcome)
        {
            Snapshots.Writer.TryComplete();
            Outcome.TrySetResult(outcome);
        }

        public TrackedJob Track()
        {
            var stop = new CancellationTokenSource();
            stop.Token.Register(() => Outcome.TrySetCanceled(stop.Token));
            return new TrackedJob(PromptId, null, Snapshots.Reader, Outcome.Task, stop);
        }
    }

    private sealed class Scope(FakeJobBackend backend, string clientId) : IJobScope
    {
        public string ClientId { get; } = clientId;

        public Task<TrackedJob> SubmitAsync(PromptRequest request, CancellationToken cancellationToken)
        {
            var prompt = new FakePrompt($"p{Interlocked.Increment(ref backend._prompts)}");
            backend._submitted.Writer.TryWrite(prompt);
            return Task.FromResult(prompt.Track());
        }

        public TrackedJob Track(string promptId) => new FakePrompt(promptId).Track();

        public void Dispose()
        {
        }
    }
}

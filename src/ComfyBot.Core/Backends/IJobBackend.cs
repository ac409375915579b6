using ComfyBot.Comfy;
using ComfyBot.Comfy.Templates;

namespace ComfyBot.Core.Backends;

/// <summary>
/// The job engine's whole view of one GPU server: its health and capabilities, a scope to submit and follow prompts
/// in, and the few requests a job needs besides (upload, delete, interrupt, read a file). <see cref="BackendSeam"/>
/// puts it over a real <see cref="Backend"/>; tests put a stand-in behind it, so the dispatch and run rules are tested
/// on a fake clock without a server or a socket.
/// </summary>
public interface IJobBackend
{
    /// <summary>The configured name (e.g. gpu-1).</summary>
    string Name { get; }

    /// <summary>How many jobs it takes at once.</summary>
    int MaxInFlight { get; }

    /// <summary>Its share when several have a free slot.</summary>
    double Weight { get; }

    /// <summary>What its last health check found.</summary>
    BackendHealth Health { get; }

    /// <summary>Whether it has every node and model <paramref name="template"/> needs.</summary>
    bool CanRun(WorkflowTemplate template);

    /// <summary>
    /// Whether it lists every value the member chose from the servers' lists (checkpoint, sampler, scheduler, LoRA):
    /// a job goes only to a server that has its model files. True when nothing was chosen.
    /// </summary>
    bool Offers(WorkflowTemplate template, WorkflowParameters parameters) => true;

    /// <summary>A lease on the scope's event stream and tracker, connected when it returns; dispose it when done.</summary>
    Task<IJobScope> OpenScopeAsync(string scopeKey, CancellationToken cancellationToken);

    /// <summary>Uploads an input image and returns the name a workflow refers to it by.</summary>
    Task<string> UploadImageAsync(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken);

    /// <summary>Deletes prompts from its queue (ones not there are ignored, as ComfyUI does).</summary>
    Task DeleteFromQueueAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken);

    /// <summary>Whether its /queue shows <paramref name="promptId"/> running now.</summary>
    Task<bool> IsRunningAsync(string promptId, CancellationToken cancellationToken);

    /// <summary>Interrupts the run aimed at <paramref name="promptId"/>; call it only after <see cref="IsRunningAsync"/>.</summary>
    Task InterruptAsync(string promptId, CancellationToken cancellationToken);

    /// <summary>Opens a file it saved (GET /view).</summary>
    Task<Stream> OpenFileAsync(ComfyFile file, CancellationToken cancellationToken);

    /// <summary>Records a finished run's generation time, for its throughput.</summary>
    void RecordFinished(TimeSpan generation);

    /// <summary>
    /// Takes the backend out of service for a while (see <see cref="BackendMonitor.MarkFaulty"/>): it sent more than the
    /// client accepts, so every job sent there would fail the same way.
    /// </summary>
    /// <param name="reason">What it did; admins see it as the backend's error.</param>
    void MarkFaulty(string reason);
}

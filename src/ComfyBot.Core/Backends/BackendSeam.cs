using ComfyBot.Comfy;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Templates;
using ComfyBot.Comfy.Tracking;

namespace ComfyBot.Core.Backends;

/// <summary>The job engine's seam (<see cref="IJobBackend"/>) over a real backend and the monitor that counts its runs.</summary>
internal sealed class BackendSeam(Backend backend, BackendMonitor monitor) : IJobBackend
{
    public string Name => backend.Name;

    public int MaxInFlight => backend.MaxInFlight;

    public double Weight => backend.Weight;

    public BackendHealth Health => backend.Health;

    public bool CanRun(WorkflowTemplate template) => backend.CanRun(template);

    public bool Offers(WorkflowTemplate template, WorkflowParameters parameters) => MemberChoices.Lacking(backend, template, parameters).Count == 0;

    public async Task<IJobScope> OpenScopeAsync(string scopeKey, CancellationToken cancellationToken) =>
        new Scope(await backend.OpenScopeAsync(scopeKey, cancellationToken));

    public async Task<string> UploadImageAsync(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        var uploaded = await backend.Client.UploadImageAsync(stream, fileName, cancellationToken: cancellationToken);
        return string.IsNullOrEmpty(uploaded.Subfolder) ? uploaded.Filename : $"{uploaded.Subfolder}/{uploaded.Filename}";
    }

    public Task DeleteFromQueueAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken) =>
        backend.Client.DeleteFromQueueAsync(promptIds, cancellationToken);

    public async Task<bool> IsRunningAsync(string promptId, CancellationToken cancellationToken) =>
        (await backend.Client.GetQueueAsync(cancellationToken)).IsRunning(promptId);

    public Task InterruptAsync(string promptId, CancellationToken cancellationToken) => backend.Client.InterruptAsync(promptId, cancellationToken);

    public Task<Stream> OpenFileAsync(ComfyFile file, CancellationToken cancellationToken) => backend.Client.OpenFileAsync(file, cancellationToken);

    public void RecordFinished(TimeSpan generation) => monitor.RecordFinished(backend, generation);

    public void MarkFaulty(string reason) => monitor.MarkFaulty(backend, reason);

    private sealed class Scope(BackendScope scope) : IJobScope
    {
        public string ClientId => scope.ClientId;

        public Task<TrackedJob> SubmitAsync(PromptRequest request, CancellationToken cancellationToken) => scope.Tracker.SubmitAsync(request, cancellationToken);

        public TrackedJob Track(string promptId) => scope.Tracker.Track(promptId);

        public void Dispose() => scope.Dispose();
    }
}

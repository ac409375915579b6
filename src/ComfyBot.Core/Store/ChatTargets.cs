namespace ComfyBot.Core.Store;

/// <summary>
/// Where views save a job's chat target after every send that changed it. It writes to the job store while the store
/// is open and drops the write after it closed: replies still settling while the job service stops persist their
/// targets, and none fails on a closed store. Kept apart from the store because the views exist before it opens.
/// </summary>
public sealed class ChatTargets
{
    private JobStore? _store;

    /// <summary>Saves <paramref name="json"/> as job <paramref name="jobId"/>'s chat target (nothing once the store closed).</summary>
    public Task SaveAsync(long jobId, string json, CancellationToken cancellationToken) =>
        Volatile.Read(ref _store) is { } store ? store.SaveChatTargetAsync(jobId, json, cancellationToken) : Task.CompletedTask;

    internal void Open(JobStore store) => Volatile.Write(ref _store, store);

    internal void Close() => Volatile.Write(ref _store, null);
}

using System.Threading.Channels;
using ComfyBot.Comfy.Http;

namespace ComfyBot.Comfy.Tracking;

/// <summary>
/// One job being tracked: a stream of snapshots (queued position, running node/step/preview/outputs) and
/// exactly one outcome. Dispose to stop tracking early (the outcome is then cancelled).
/// </summary>
public sealed class TrackedJob : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly ChannelReader<JobSnapshot> _snapshots;

    internal TrackedJob(string promptId, PromptAccepted? submission, ChannelReader<JobSnapshot> snapshots, Task<JobOutcome> outcome, CancellationTokenSource stop, RunClock? clock = null)
    {
        Clock = clock ?? new RunClock();
        PromptId = promptId;
        Submission = submission;
        _snapshots = snapshots;
        Outcome = outcome;
        _stop = stop;
    }

    /// <summary>The job's prompt id.</summary>
    public string PromptId { get; }

    /// <summary>What POST /prompt answered, when the tracker submitted the job; null for <see cref="JobTracker.Track"/>.</summary>
    public PromptAccepted? Submission { get; }

    /// <summary>Snapshots in order; completes when the outcome is known. Only the newest matters for display.</summary>
    public ChannelReader<JobSnapshot> Snapshots => _snapshots;

    /// <summary>How the job ended; completes exactly once.</summary>
    public Task<JobOutcome> Outcome { get; }

    /// <summary>
    /// When the prompt ran, as far as the server reported it (its execution timestamps) and the tracker heard it: readable
    /// at any time, also after the caller stopped following (for GPU time of a cancelled or lost run).
    /// </summary>
    public RunClock Clock { get; }

    /// <summary>The snapshots as an async sequence.</summary>
    public IAsyncEnumerable<JobSnapshot> ReadSnapshotsAsync(CancellationToken cancellationToken = default) => _snapshots.ReadAllAsync(cancellationToken);

    /// <summary>Stops tracking and waits for the tracking loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        try
        {
            await Outcome;
        }
        catch (OperationCanceledException)
        {
            // Stopping early cancels the outcome; that is what the caller asked for.
        }

        _stop.Dispose();
    }
}

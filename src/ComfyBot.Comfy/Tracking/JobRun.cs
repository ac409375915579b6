using System.Threading.Channels;
using ComfyBot.Comfy.Events;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Streaming;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Comfy.Tracking;

/// <summary>
/// Follows one prompt from its events, falling back to /history and /queue whenever events may be missing
/// (at start, unless <see cref="SeesEveryEvent"/>; after a connection gap; when the watchdog fires). It returns exactly
/// one outcome.
/// </summary>
internal sealed class JobRun
{
    private static readonly TimeSpan StreamCatchUp = TimeSpan.FromSeconds(5);

    private readonly string _promptId;
    private PromptGraph _graph;
    private readonly PromptLookup _lookup;
    private readonly PromptEvents _events;
    private readonly JobTrackerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ChannelWriter<JobSnapshot> _snapshots;

    private readonly RunProgress _progress = new();
    private readonly WebSocketImages _images;
    private readonly IReadOnlyList<SkippedOutput> _skipped;
    private bool _successSeen;
    private IReadOnlyList<OutputFile> _lastOutputs = [];
    private readonly QueueWatch _queue;

    public JobRun(string promptId, PromptGraph graph, ComfyClient client, PromptEvents events, JobTrackerOptions options, TimeProvider time, ILogger logger, ChannelWriter<JobSnapshot> snapshots, IReadOnlyList<SkippedOutput>? skipped = null)
    {
        _skipped = skipped ?? [];
        _promptId = promptId;
        _graph = graph;
        _lookup = new PromptLookup(client, promptId, options, time);
        _events = events;
        _images = new WebSocketImages(options.WebSocketImageNodes);
        _options = options;
        _time = time;
        _logger = logger;
        _snapshots = snapshots;
        _queue = new QueueWatch(options.QueuePollInterval, time);
    }

    /// <summary>Where the run's times are written (see <see cref="RunClock"/>).</summary>
    public RunClock Clock { get; init; } = new();

    /// <summary>
    /// The prompt was submitted by this tracker after its subscription was made on a connected stream: every event of
    /// its run reaches the subscription, or a <see cref="ConnectionGapEvent"/> says some were lost (and reconciles). So
    /// nothing can have been missed at start, and the start-up look at /history and /queue is skipped. False for a
    /// prompt adopted (<see cref="JobTracker.Track"/>) or submitted while the stream was down: its early events may be
    /// gone, and /history and /queue are read at once.
    /// </summary>
    public bool SeesEveryEvent { get; init; }

    public async Task<JobOutcome> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var outcome = SeesEveryEvent ? null : await ReconcileAsync(cancellationToken);
            while (outcome is null)
            {
                var item = await NextEventAsync(cancellationToken);
                ShowHeldStep(item);
                outcome = item is not null ? await HandleAsync(item, cancellationToken)
                    : _successSeen ? await FinishAsync(cancellationToken)
                    : await ReconcileAsync(cancellationToken);
            }

            if (outcome is JobSucceeded succeeded && !_successSeen && _images.ExpectedFrom(_graph))
            {
                outcome = await CatchUpOnStreamedImagesAsync(cancellationToken) with { RunTime = succeeded.RunTime };
            }

            _logger.LogInformation("Prompt {PromptId} ended: {Outcome}.", _promptId, outcome.GetType().Name);
            return outcome;
        }
        finally
        {
            _snapshots.TryComplete();
            _events.Dispose();
        }
    }

    /// <summary>
    /// The next event, or null when the watchdog interval passed without one. After execution_success the wait is only
    /// <see cref="JobTrackerOptions.HistoryRetryDelay"/>: executing{node:null} normally follows at once, and if it was
    /// missed the history read should not wait a whole watchdog interval. While a queue change waits for its look
    /// (<see cref="QueueWatch"/>), the wait ends when that look is due.
    /// </summary>
    private Task<ComfyEvent?> NextEventAsync(CancellationToken cancellationToken)
    {
        var patience = _successSeen ? _options.HistoryRetryDelay : _options.WatchdogInterval;
        if (!_successSeen && !_progress.Running && _queue.UntilDue() is { } due && due < patience)
        {
            patience = due;
        }

        return _events.NextAsync(patience, cancellationToken);
    }

    private async Task<JobOutcome?> HandleAsync(ComfyEvent item, CancellationToken cancellationToken)
    {
        if (item.PromptId == _promptId)
        {
            // An event of this prompt's run: the server was running it just now.
            Clock.Heard(_time.GetUtcNow());
        }

        switch (item)
        {
            case ExecutionStartEvent start:
                Clock.Started(start.Timestamp);
                _progress.MarkRunning();
                Emit();
                return null;
            case ExecutionCachedEvent cached:
                _progress.Cached(cached.Nodes);
                return null;
            case ExecutingEvent { IsPromptFinished: true }:
                return await FinishAsync(cancellationToken);
            case ExecutingEvent { NodeId: { } node }:
                _progress.StartNode(node);
                Emit();
                return null;
            case ProgressEvent progress:
                if (_progress.Step(progress.NodeId, progress.Value, progress.Max))
                {
                    Emit();
                }

                return null;
            case PreviewImageEvent preview when _images.IsOutput(preview, _progress.Node, _graph, out var sender):
                // A SaveImageWebsocket image: the only copy there is, so it is kept rather than shown and replaced
                // (checked first: with metadata it is a type-4 frame, as a preview is).
                _images.Keep(sender, preview);
                _progress.MarkRunning();
                return null;
            case PreviewImageEvent { HasMetadata: true } preview:
                // Type 4 comes before its step's progress: shown at once it would sit under the previous step's counter.
                _progress.Previews.Ahead(new PreviewImage(preview.Image, preview.MimeType));
                return null;
            case PreviewImageEvent preview:
                _progress.Previews.Behind(new PreviewImage(preview.Image, preview.MimeType));
                Emit();
                return null;
            case ExecutedEvent executed:
                _progress.AddOutputs(executed.Files);
                Emit();
                return null;
            case ExecutionSuccessEvent success:
                Clock.Ended(success.Timestamp);

                // ComfyUI sends execution_success before it writes the history entry, and executing{node:null} after
                // (main.py: execute, then task_done, then the executing message). Reading history now loses that race
                // and waits a retry delay on most fast jobs; the entry is there once executing{node:null} arrives.
                _successSeen = true;
                return null;
            case ExecutionErrorEvent { IsFatal: true } error:
                Clock.Ended(error.Timestamp);
                return Failed(error);
            case ExecutionInterruptedEvent interrupted:
                Clock.Ended(interrupted.Timestamp);
                return new JobInterrupted(_promptId, interrupted.NodeId, interrupted.NodeType);
            case ConnectionGapEvent gap:
                _logger.LogInformation("Prompt {PromptId}: event stream was down from {From} to {To}; reconciling.", _promptId, gap.DisconnectedAt, gap.ReconnectedAt);
                return await ReconcileAsync(cancellationToken);
            case StatusEvent status when !_progress.Running && _queue.OnStatus(status.QueueRemaining):
                return await ReconcileAsync(cancellationToken);
            default:
                return null;
        }
    }

    /// <summary>
    /// A step held for its type-1 preview is shown as it is when anything else comes first (or nothing comes): that
    /// step had no preview of its own.
    /// </summary>
    private void ShowHeldStep(ComfyEvent? next)
    {
        if (_progress.Previews.ReleaseHeld(next))
        {
            Emit();
        }
    }

    /// <summary>
    /// History said success before the stream's own end of the run was read: the images a SaveImageWebsocket node sent
    /// are still on their way (the server writes history after sending them), and exist nowhere else. Read the stream
    /// up to its end of the run, for a few seconds at most (a job tracked after a restart has no events to wait for).
    /// </summary>
    private async Task<JobSucceeded> CatchUpOnStreamedImagesAsync(CancellationToken cancellationToken)
    {
        using var grace = new CancellationTokenSource(StreamCatchUp, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, grace.Token);
        try
        {
            while (!_successSeen && await _events.Reader.WaitToReadAsync(linked.Token))
            {
                while (_events.Reader.TryRead(out var item))
                {
                    switch (item)
                    {
                        case ExecutingEvent { IsPromptFinished: true }:
                        case ExecutionSuccessEvent:
                            _successSeen = true;
                            break;
                        case ExecutingEvent { NodeId: { } node }:
                            _progress.Node = node;
                            break;
                        case ProgressEvent { NodeId: { } node }:
                            _progress.Node = node;
                            break;
                        case PreviewImageEvent preview when _images.IsOutput(preview, _progress.Node, _graph, out var sender):
                            _images.Keep(sender, preview);
                            break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Prompt {PromptId}: finished, but its end never came over the event stream; images it sent only there may be missing.", _promptId);
        }

        return Succeeded(_lastOutputs);
    }

    /// <summary>A success with everything the run gave: its files, the images streamed over the socket, the outputs ComfyUI left out.</summary>
    private JobSucceeded Succeeded(IReadOnlyList<OutputFile> outputs)
    {
        _lastOutputs = outputs;
        return new(_promptId, outputs) { StreamedImages = _images.Kept, SkippedOutputs = _skipped };
    }

    private void Emit() => _snapshots.TryWrite(_progress.Snapshot(_promptId, _graph));

    private JobFailed Failed(ExecutionErrorEvent error) =>
        new(_promptId, error.NodeId, _graph.TitleOf(error.NodeId) ?? error.NodeType, error.NodeType ?? _graph.ClassOf(error.NodeId), error.ExceptionType, error.ExceptionMessage);

    // The polling half: the server's /history and /queue are the truth when events were missed.

    /// <summary>History first (done?), then the queue (waiting or running?); in neither, re-check history, then lost.</summary>
    private async Task<JobOutcome?> ReconcileAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await _lookup.HistoryAsync(cancellationToken) is { } entry)
            {
                return FromHistory(entry);
            }

            // Followed without its graph (e.g. reattached after a restart of the caller): the queue has it, and
            // with it the node classes and titles a reply names instead of bare node ids.
            var (queue, graph) = await _lookup.QueueAsync(withGraph: _graph.NodeCount == 0, cancellationToken);
            if (graph is not null)
            {
                _graph = new PromptGraph(graph);
            }

            _queue.Looked();

            if (queue.IsRunning(_promptId))
            {
                Clock.Heard(_time.GetUtcNow());
                if (!_progress.Running)
                {
                    _progress.MarkRunning();
                    Emit();
                }

                return null;
            }

            if (queue.PendingPosition(_promptId) is { } position)
            {
                if (_queue.Show(new JobQueued(_promptId, position, queue.Ahead(_promptId) ?? position - 1)) is { } changed)
                {
                    _snapshots.TryWrite(changed);
                }

                return null;
            }

            // Finished just now (history is written a moment after the terminal event), or gone.
            if (await _lookup.HistoryWithRetryAsync(cancellationToken) is { } late)
            {
                return FromHistory(late);
            }

            return new JobLost(_promptId, "The prompt is in neither /queue nor /history: it was deleted from the queue, or the server restarted.");
        }
        catch (Exception ex) when (IsServerTrouble(ex) && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Prompt {PromptId}: could not check on it with the server ({Error}); will retry.", _promptId, ex.Message);
            return null;
        }
    }

    /// <summary>The run ended (terminal event or executing{node:null}); read its outcome from history.</summary>
    private async Task<JobOutcome?> FinishAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await _lookup.HistoryWithRetryAsync(cancellationToken) is { } entry)
            {
                return FromHistory(entry);
            }
        }
        catch (Exception ex) when (IsServerTrouble(ex) && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Prompt {PromptId}: finished, but its history could not be read.", _promptId);
            return _successSeen ? Succeeded(_progress.Outputs) : null;
        }

        // The events said success; only the file list from history is missing, and executed events had it.
        return _successSeen
            ? Succeeded(_progress.Outputs)
            : new JobLost(_promptId, "The prompt finished but the server has no history entry for it (restarted, or history cleared).");
    }

    private JobOutcome FromHistory(HistoryEntry entry)
    {
        Clock.FromHistory(entry.StartedAt, entry.EndedAt);
        if (entry.IsSuccess)
        {
            return Succeeded(entry.Outputs.Count > 0 ? entry.Outputs : _progress.Outputs) with { RunTime = entry.RunTime };
        }

        if (entry.Interruption is { } interrupted)
        {
            return new JobInterrupted(_promptId, interrupted.NodeId, interrupted.NodeType);
        }

        if (entry.Error is { } error)
        {
            return Failed(error);
        }

        return new JobFailed(_promptId, null, null, null, null, $"History says '{entry.StatusText}' (completed: {entry.Completed}) without an error message.");
    }

    private static bool IsServerTrouble(Exception ex) =>
        ex is ComfyUnavailableException or ComfyHttpException or HttpRequestException or ComfyProtocolException;
}

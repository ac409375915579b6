using System.Text.Json.Nodes;
using System.Threading.Channels;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Streaming;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Comfy.Tracking;

/// <summary>
/// Runs jobs on one ComfyUI server and follows each to its outcome, correct under the protocol's races: history
/// written after <c>execution_success</c>, fully cached runs, events lost while the socket was down, and a
/// server restart that empties queue and history.
/// </summary>
public sealed class JobTracker
{
    private readonly ComfyClient _client;
    private readonly ComfyEventStream _events;
    private readonly JobTrackerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a tracker for the server behind <paramref name="client"/> and <paramref name="events"/>.</summary>
    public JobTracker(ComfyClient client, ComfyEventStream events, JobTrackerOptions options, TimeProvider timeProvider, ILogger<JobTracker> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _events = events;
        _options = options;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Subscribes to the prompt's events, submits it with the stream's client id, and tracks it. Subscribing
    /// first means no event is missed, even for a fully cached run that ends within milliseconds. When the stream was
    /// connected at that moment, the tracker reads nothing before the run's end (see <see cref="JobRun.SeesEveryEvent"/>):
    /// a lost connection comes back as a gap event, which reconciles. Submitted while the stream is down, the prompt's
    /// first events may go nowhere, so /history and /queue are read at once.
    /// </summary>
    /// <exception cref="PromptValidationException">ComfyUI refused the prompt; nothing is tracked.</exception>
    /// <exception cref="ArgumentException">The request names a different client id than the event stream.</exception>
    public async Task<TrackedJob> SubmitAsync(PromptRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ClientId is not null && request.ClientId != _events.ClientId)
        {
            throw new ArgumentException($"The request's ClientId '{request.ClientId}' differs from the event stream's '{_events.ClientId}', so its events would go elsewhere; leave ClientId null or use the stream's.", nameof(request));
        }

        var submitted = request.ClientId is not null
            ? request
            : new PromptRequest(request.Prompt) { PromptId = request.PromptId, ClientId = _events.ClientId, Front = request.Front, ExtraData = request.ExtraData };
        var subscription = _events.Subscribe(submitted.PromptId);

        // Read after subscribing: connected now, the stream either delivers every later frame to the subscription or,
        // should it lose the connection, publishes a gap to it on reconnecting.
        var seesEveryEvent = _events.IsConnected;
        PromptAccepted accepted;
        try
        {
            accepted = await _client.SubmitPromptAsync(submitted, cancellationToken);
        }
        catch
        {
            subscription.Dispose();
            throw;
        }

        return Start(submitted.PromptId, submitted.Prompt, subscription, accepted, seesEveryEvent);
    }

    /// <summary>
    /// Plays one job through the whole client (submit, event stream, tracker, history, download) against an in-memory
    /// ComfyUI, once per process, so the first real job does not pay for compiling that path (it cost 33-250 ms where
    /// later jobs cost 5-12 ms). Nothing goes on the network. Later calls return the same task; call it at start, e.g.
    /// while the event stream connects.
    /// </summary>
    public static Task WarmUpAsync() => TrackerWarmUp.EnsureAsync();

    /// <summary>Tracks a prompt that is already queued, running or finished (e.g. after the caller restarted).</summary>
    /// <param name="promptId">The prompt id.</param>
    /// <param name="prompt">The submitted graph, for node titles and overall progress; null if unknown (it is then read from /queue while the prompt is there).</param>
    public TrackedJob Track(string promptId, JsonObject? prompt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(promptId);
        return Start(promptId, prompt, _events.Subscribe(promptId), null);
    }

    internal TrackedJob Start(string promptId, JsonObject? prompt, ComfyEventSubscription subscription, PromptAccepted? accepted, bool seesEveryEvent = false)
    {
        var snapshots = Channel.CreateUnbounded<JobSnapshot>(new UnboundedChannelOptions { SingleWriter = true });
        var stop = new CancellationTokenSource();
        var skipped = accepted?.SkippedOutputs ?? [];
        foreach (var output in skipped)
        {
            _logger.LogWarning("Prompt {PromptId} was queued without output {Output}: ComfyUI will not run it.", promptId, output);
        }

        var clock = new RunClock();
        var events = new PromptEvents(subscription, promptId, _time, _logger);
        var run = new JobRun(promptId, new PromptGraph(prompt), _client, events, _options, _time, _logger, snapshots.Writer, skipped) { Clock = clock, SeesEveryEvent = seesEveryEvent };
        var outcome = Task.Run(() => run.RunAsync(stop.Token), CancellationToken.None);
        return new TrackedJob(promptId, accepted, snapshots.Reader, outcome, stop, clock);
    }
}

using System.Runtime.CompilerServices;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Nodes;
using ComfyBot.Comfy.Templates;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Backends;

/// <summary>
/// One ComfyUI server the bot uses: its HTTP client, its scopes (one event stream and job tracker per scope key, see
/// <see cref="OpenScopeAsync"/>, kept by <see cref="BackendScopes"/>), its last known health and catalogue (kept up to
/// date by <see cref="BackendMonitor"/>), and what it can run. Dispose it to close its streams and connections.
/// </summary>
public sealed partial class Backend : IAsyncDisposable
{
    private readonly BackendOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly string _clientIdPrefix;
    private readonly ConditionalWeakTable<WorkflowTemplate, Verdict> _verdicts = new();
    private readonly BackendThroughputWindow _throughput = new();
    private BackendHealth _health = BackendHealth.NotCheckedYet;
    private BackendCatalogue? _catalogue;
    private int _catalogueVersion;

    /// <summary>
    /// Raised when the server sent more than a cap allows outside any one job's reads (an endless WebSocket message), with
    /// what it did: the monitor marks the backend faulty.
    /// </summary>
    internal event EventHandler<string>? Misbehaved;

    /// <summary>Creates a backend from its options; nothing is contacted until it is used or monitored.</summary>
    /// <param name="options">The server's settings, checked before (<see cref="BackendOptions.Validate"/> lists every problem).</param>
    /// <param name="instance">This bot instance's name, the middle of every client id (<c>comfybot-&lt;instance&gt;-&lt;scope&gt;</c>).</param>
    /// <param name="clients">
    /// Makes the server's connection, API clients, event streams and trackers, on the clock (timeouts, retries, idle
    /// scopes) and loggers the backend uses too.
    /// </param>
    /// <exception cref="ArgumentException">The instance name is invalid; the message names the key and the fix.</exception>
    public Backend(BackendOptions options, string instance, ComfyClientFactory clients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        if (!BackendNames.IsValid(instance))
        {
            throw new ArgumentException(
                $"The bot instance name is '{instance}'; set ComfyBot:Instance to a short name of letters, digits, '-' or '_' (e.g. main).",
                nameof(instance));
        }

        _options = options;
        _time = clients.Time;
        _clientIdPrefix = $"comfybot-{instance}-";
        Name = options.Name;
        Address = options.Url!;
        _http = clients.CreateConnection(Address, options.Headers);
        Client = clients.CreateClient(_http, options.Http);

        // Health checks must answer fast and not retry: the monitor's next poll is the retry, and a backend that needs
        // retries to answer /system_stats is one jobs should not wait on.
        var probeOptions = new ComfyClientOptions { RequestTimeout = options.HealthCheckTimeout, MaxRetries = 0 };
        ProbeClient = clients.CreateClient(_http, probeOptions);
        Scopes = new BackendScopes(this, options, clients, clients.Loggers.CreateLogger<Backend>(), reason => Misbehaved?.Invoke(this, reason));
    }

    /// <summary>A backend with clients of its own (tests and benchmarks).</summary>
    internal Backend(BackendOptions options, string instance, TimeProvider timeProvider, ILoggerFactory loggerFactory)
        : this(options, instance, new ComfyClientFactory(timeProvider, loggerFactory))
    {
    }

    /// <summary>A backend whose connection goes through <paramref name="handler"/> (tests).</summary>
    internal Backend(BackendOptions options, string instance, TimeProvider timeProvider, ILoggerFactory loggerFactory, HttpMessageHandler handler)
        : this(options, instance, new ComfyClientFactory(timeProvider, loggerFactory, () => handler))
    {
    }

    /// <summary>The configured name, e.g. <c>gpu-1</c>.</summary>
    public string Name { get; }

    /// <summary>The server's address.</summary>
    public Uri Address { get; }

    /// <summary>How many of the bot's jobs may be on this server's queue at once.</summary>
    public int MaxInFlight => _options.MaxInFlight;

    /// <summary>The configured relative share of the work.</summary>
    public double Weight => _options.Weight;

    /// <summary>The HTTP client for this server (queue, interrupt, files); it sends the configured headers.</summary>
    public ComfyClient Client { get; }

    /// <summary>What the last health check found; <see cref="BackendHealth.NotCheckedYet"/> until the first answered.</summary>
    public BackendHealth Health => Volatile.Read(ref _health);

    /// <summary>Jobs finished here, as reported through <see cref="BackendMonitor.RecordFinished"/>.</summary>
    public BackendThroughput Throughput => _throughput.Read(_time.GetUtcNow());

    /// <summary>The node classes the server offers; null until the first successful health check.</summary>
    public NodeCatalog? Catalog => Volatile.Read(ref _catalogue)?.Nodes;

    /// <summary>The model files per folder (e.g. <c>checkpoints</c>) as of the last catalogue refresh; empty until then.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Models =>
        Volatile.Read(ref _catalogue)?.Models ?? new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>How many scopes have an open event stream, leased or idle.</summary>
    public int OpenScopeCount => Scopes.Count;

    internal ComfyClient ProbeClient { get; }

    /// <summary>The scopes open on this server: their streams, trackers and leases.</summary>
    internal BackendScopes Scopes { get; }

    internal BackendCatalogue? Catalogue => Volatile.Read(ref _catalogue);

    /// <summary>
    /// True when the server's catalogue and models accept <paramref name="template"/>. A backend whose catalogue is not
    /// known yet runs nothing. Says nothing about whether the server is up: see <see cref="Health"/>.
    /// </summary>
    public bool CanRun(WorkflowTemplate template) => Check(template) is { Count: 0 };

    /// <summary>
    /// Why this backend cannot run <paramref name="template"/>: every problem found against its catalogue and models
    /// (empty when it can), or null while the catalogue is unknown. Cached per template until the catalogue changes.
    /// </summary>
    public IReadOnlyList<WorkflowProblem>? Check(WorkflowTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (Catalogue is not { } catalogue)
        {
            return null;
        }

        if (_verdicts.TryGetValue(template, out var cached) && cached.Version == catalogue.Version)
        {
            return cached.Problems;
        }

        var problems = template.Validate(catalogue.Nodes, catalogue.Models);
        _verdicts.AddOrUpdate(template, new Verdict(catalogue.Version, problems));
        return problems;
    }

    /// <summary>The client id of a scope: <c>comfybot-&lt;instance&gt;-&lt;scope key&gt;</c>.</summary>
    /// <exception cref="ArgumentException">The scope key is empty, too long, or has characters other than letters, digits, '-' and '_'.</exception>
    public string ClientIdFor(string scopeKey)
    {
        if (!BackendNames.IsValid(scopeKey))
        {
            throw new ArgumentException(
                $"The scope key '{scopeKey}' is not usable in a client id; pass a channel or user id (letters, digits, '-' or '_', at most {BackendNames.MaxLength}).",
                nameof(scopeKey));
        }

        return _clientIdPrefix + scopeKey;
    }

    /// <summary>
    /// Leases the event stream and job tracker of <paramref name="scopeKey"/> (a channel or user id), creating and
    /// connecting the stream on first use; later callers with the same key share it. Completes once the stream is
    /// connected (a stream that lost its connection reconnects at once rather than after its backoff), so prompts
    /// submitted next cannot miss their events. Dispose the lease when done.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled before the stream connected (e.g. the server is down); nothing is leased.</exception>
    /// <exception cref="ObjectDisposedException">The backend was disposed.</exception>
    public async Task<BackendScope> OpenScopeAsync(string scopeKey, CancellationToken cancellationToken = default) =>
        await Scopes.OpenAsync(scopeKey, ClientIdFor(scopeKey), cancellationToken);

    /// <summary>Closes the event streams that have had no lease for <see cref="BackendOptions.ScopeIdleTimeout"/>.</summary>
    /// <returns>How many were closed.</returns>
    public Task<int> CloseIdleScopesAsync() => Scopes.CloseIdleAsync();

    /// <summary>Closes every event stream and the HTTP connections. Leases still held become inert.</summary>
    public async ValueTask DisposeAsync()
    {
        if (await Scopes.CloseAllAsync())
        {
            _http.Dispose();
        }
    }

    /// <summary>True when a queue entry was submitted by this bot instance (its client id starts with our prefix).</summary>
    public bool IsOwn(QueueItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.ClientId is { } id && id.StartsWith(_clientIdPrefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// How many prompts that are not this bot's are ahead on the server's queue: all of them when
    /// <paramref name="promptId"/> is null or not on the queue (a job about to be submitted), otherwise those running or
    /// pending before it.
    /// </summary>
    public int CountForeignAhead(QueueSnapshot queue, string? promptId = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (promptId is not null && queue.IsRunning(promptId))
        {
            return 0;
        }

        // Pending is in run order (QueueSnapshot sorts it as ComfyUI does), so what precedes the prompt runs before it.
        var ahead = queue.Running.Count(item => !IsOwn(item));
        foreach (var item in queue.Pending)
        {
            if (item.PromptId == promptId)
            {
                break;
            }

            if (!IsOwn(item))
            {
                ahead++;
            }
        }

        return ahead;
    }

    /// <summary>Reads the server's queue now and counts the prompts that are not this bot's (see <see cref="CountForeignAhead"/>).</summary>
    /// <exception cref="ComfyUnavailableException">The server did not answer.</exception>
    public async Task<int> GetForeignAheadAsync(string? promptId = null, CancellationToken cancellationToken = default)
    {
        var queue = await Client.GetQueueAsync(cancellationToken);
        return CountForeignAhead(queue, promptId);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Address}, {Health.State})";

    internal void SetHealth(BackendHealth health) => Volatile.Write(ref _health, health);

    internal BackendCatalogue SetCatalogue(NodeCatalog nodes, IReadOnlyDictionary<string, IReadOnlyList<string>> models)
    {
        var catalogue = new BackendCatalogue(nodes, models, Interlocked.Increment(ref _catalogueVersion), _time.GetUtcNow());
        Volatile.Write(ref _catalogue, catalogue);
        RereadDone();
        return catalogue;
    }

    internal void RecordFinished(TimeSpan duration) => _throughput.Record(_time.GetUtcNow(), duration);

    private sealed record Verdict(int Version, IReadOnlyList<WorkflowProblem> Problems);
}

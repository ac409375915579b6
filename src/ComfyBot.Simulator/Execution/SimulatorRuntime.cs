using System.Text.Json.Nodes;
using ComfyBot.Simulator.Files;
using ComfyBot.Simulator.Queueing;
using ComfyBot.Simulator.Sockets;
using ComfyBot.Simulator.Validation;

namespace ComfyBot.Simulator.Execution;

/// <summary>
/// One simulated ComfyUI: the parts that outlive a restart (sockets hub, files, node catalogue, fault
/// settings) and the current <see cref="ServerState"/>, which <see cref="RestartAsync"/> replaces.
/// </summary>
internal sealed class SimulatorRuntime : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private ServerState _state;
    private NodeCatalog _catalog;
    private PromptValidator _validator;
    private double _stepsPerSecond;
    private string? _failNode;
    private TimeSpan _historyWriteDelay;
    private bool _previews;
    private int _foreignCount;

    public SimulatorRuntime(SimulatorOptions options, FileStore files, NodeCatalog catalog, ILogger logger)
    {
        Options = options;
        Files = files;
        _catalog = catalog;
        _logger = logger;
        TimeProvider = options.TimeProvider;
        _validator = new PromptValidator(catalog, files.AnnotatedFileExists);
        _stepsPerSecond = options.StepsPerSecond;
        _failNode = options.FailNode;
        _historyWriteDelay = options.HistoryWriteDelay;
        _previews = options.Previews;
        _state = NewState();
    }

    public SimulatorOptions Options { get; }

    public SocketHub Hub { get; } = new();

    public FileStore Files { get; }

    /// <summary>The node classes, swapped whole when the model files change (<see cref="SetModels"/>).</summary>
    public NodeCatalog Catalog => Volatile.Read(ref _catalog);

    public PromptValidator Validator => Volatile.Read(ref _validator);

    /// <summary>
    /// Replaces the files of one model folder: the next /object_info, /models/{folder} and prompt see them, as ComfyUI's
    /// folder_paths notices a changed folder at its next listing.
    /// </summary>
    public void SetModels(string folder, IReadOnlyList<string> files)
    {
        lock (_gate)
        {
            var catalog = Catalog.WithModels(folder, files);
            Volatile.Write(ref _validator, new PromptValidator(catalog, Files.AnnotatedFileExists));
            Volatile.Write(ref _catalog, catalog);
        }
    }

    public TimeProvider TimeProvider { get; }

    public SamplingGate Gate { get; } = new();

    /// <summary>Holds GET /object_info while set (see <see cref="ObjectInfoHold"/>).</summary>
    public ObjectInfoHold ObjectInfoHold { get; } = new();

    /// <summary>File names /view answered with a file, oldest first.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Viewed { get; } = new();

    /// <summary>Sampler previews sent, oldest first (hashes only, so a long run keeps little).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<SentPreview> Previewed { get; } = new();

    /// <summary>Sampler progress messages sent, oldest first, while <see cref="RecordProgress"/> is set (off by default: a soak sends millions).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<SentProgress> Progressed { get; } = new();

    /// <summary>Whether sampler progress messages are recorded in <see cref="Progressed"/>.</summary>
    public bool RecordProgress { get; set; }

    /// <summary>While set, every request answers 502 Bad Gateway; the worker goes on behind it.</summary>
    public bool Unreachable { get; set; }

    /// <summary>While set, POST /interrupt stops whatever runs whatever prompt id it names, as ComfyUI before 0.3.57 did.</summary>
    public bool InterruptIgnoresPromptId { get; set; }

    /// <summary>While set, GET /view answers 200 with an HTML page instead of the file, as a misconfigured proxy does.</summary>
    public bool ViewAnswersHtml { get; set; }

    /// <summary>While set, GET /view answers 200 with a body that never ends, as a broken or hostile server may.</summary>
    public bool ViewAnswersEndlessly { get; set; }

    public ServerState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public double StepsPerSecond
    {
        get => Volatile.Read(ref _stepsPerSecond);
        set
        {
            if (double.IsNaN(value) || value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Steps per second must be 0 (instant) or positive.");
            }

            Volatile.Write(ref _stepsPerSecond, value);
        }
    }

    public string? FailNode
    {
        get => Volatile.Read(ref _failNode);
        set => Volatile.Write(ref _failNode, string.IsNullOrWhiteSpace(value) ? null : value);
    }

    public TimeSpan HistoryWriteDelay
    {
        get
        {
            lock (_gate)
            {
                return _historyWriteDelay;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_gate)
            {
                _historyWriteDelay = value;
            }
        }
    }

    public bool Previews
    {
        get => Volatile.Read(ref _previews);
        set => Volatile.Write(ref _previews, value);
    }

    /// <summary>GET /features and the feature_flags reply.</summary>
    public JsonObject ServerFeatures() => new()
    {
        ["supports_preview_metadata"] = true,
        ["max_upload_size"] = Options.MaxUploadSize,
    };

    public long NowMilliseconds() => TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Like a process that died and came back on the same port: sockets dropped, queue, history, caches and
    /// the counter gone, temp files wiped; input and output files stay.
    /// </summary>
    public async Task RestartAsync()
    {
        ServerState old;
        lock (_gate)
        {
            old = _state;
        }

        Gate.Release();
        await old.DisposeAsync();
        Hub.Drop(clientId: null);
        Files.WipeTemp();
        lock (_gate)
        {
            _state = NewState();
        }

        _logger.LogInformation("Simulator restarted: queue, history and caches cleared");
    }

    /// <summary>Queues a TraceSleep prompt under another client's id, as another user of a shared GPU would.</summary>
    public string EnqueueForeignPrompt(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var n = Interlocked.Increment(ref _foreignCount);
        var prompt = new JsonObject
        {
            ["1"] = new JsonObject
            {
                ["class_type"] = "TraceSleep",
                ["inputs"] = new JsonObject { ["seconds"] = 1.0, ["steps"] = steps, ["preview"] = false, ["tag"] = $"foreign-{n}" },
            },
        };
        var state = State;
        var promptId = Guid.NewGuid().ToString();
        var item = new QueuedPrompt(state.Queue.NextNumber(), false, promptId, prompt, new JsonObject { ["client_id"] = $"foreign-{n}" }, ["1"]);
        state.Queue.Put(item);
        return promptId;
    }

    public async ValueTask DisposeAsync()
    {
        Gate.Release();
        await State.DisposeAsync();
        Hub.Drop(clientId: null);
    }

    private ServerState NewState()
    {
        var state = new ServerState(Hub);
        var worker = new PromptWorker(this, _logger);
        state.StartWorker(worker.RunAsync);
        return state;
    }
}

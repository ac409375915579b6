using System.Net;
using ComfyBot.Simulator.Apis;
using ComfyBot.Simulator.Execution;
using ComfyBot.Simulator.Files;
using ComfyBot.Simulator.Validation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace ComfyBot.Simulator;

/// <summary>
/// A ComfyUI 0.3.64-compatible server on 127.0.0.1, in process: HTTP API, WebSocket events, a worker that
/// "renders" real PNGs, and fault controls for tests. Several instances can run side by side.
/// </summary>
/// <example>
/// <code>
/// await using var sim = await ComfySimulator.StartAsync(new SimulatorOptions { StepsPerSecond = 0 }, ct);
/// var http = new HttpClient { BaseAddress = sim.BaseAddress };
/// </code>
/// </example>
public sealed class ComfySimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorRuntime _runtime;
    private readonly string? _ownedDirectory;
    private int _disposed;

    private ComfySimulator(WebApplication app, SimulatorRuntime runtime, Uri baseAddress, string? ownedDirectory)
    {
        _app = app;
        _runtime = runtime;
        BaseAddress = baseAddress;
        _ownedDirectory = ownedDirectory;
    }

    /// <summary>http://127.0.0.1:{port}/ : the address to give a ComfyUI client.</summary>
    public Uri BaseAddress { get; }

    /// <summary>ws://127.0.0.1:{port}/ws : add <c>?clientId=...</c>.</summary>
    public Uri WebSocketAddress => new($"ws://{BaseAddress.Authority}/ws");

    /// <summary>The bound TCP port.</summary>
    public int Port => BaseAddress.Port;

    /// <summary>The folder holding input/, output/ and temp/.</summary>
    public string DataDirectory => _runtime.Files.Root;

    /// <summary>Sampler speed in steps per second; 0 is instant. Applies from the next step.</summary>
    public double StepsPerSecond
    {
        get => _runtime.StepsPerSecond;
        set => _runtime.StepsPerSecond = value;
    }

    /// <summary>A node class or node id that raises at run time (execution_error); null for none.</summary>
    public string? FailNode
    {
        get => _runtime.FailNode;
        set => _runtime.FailNode = value;
    }

    /// <summary>Wait between the terminal message and the history write (widens the history-{} race).</summary>
    public TimeSpan HistoryWriteDelay
    {
        get => _runtime.HistoryWriteDelay;
        set => _runtime.HistoryWriteDelay = value;
    }

    /// <summary>Whether samplers send latent previews.</summary>
    public bool Previews
    {
        get => _runtime.Previews;
        set => _runtime.Previews = value;
    }

    /// <summary>The file names GET /view has served, oldest first: shows when a client fetched an image.</summary>
    public IReadOnlyList<string> ViewedFiles => [.. _runtime.Viewed];

    /// <summary>The sampler previews sent, oldest first, with the step each shows: tells which step a client paired an image with.</summary>
    public IReadOnlyList<SentPreview> SentPreviews => [.. _runtime.Previewed];

    /// <summary>Whether sampler progress messages are recorded (with the time each was sent) in <see cref="SentProgressMessages"/>; off by default.</summary>
    public bool RecordProgress
    {
        get => _runtime.RecordProgress;
        set => _runtime.RecordProgress = value;
    }

    /// <summary>The sampler progress messages sent while <see cref="RecordProgress"/> was on, oldest first.</summary>
    public IReadOnlyList<SentProgress> SentProgressMessages => [.. _runtime.Progressed];

    /// <summary>
    /// Behave as ComfyUI before 0.3.57: POST /interrupt with a prompt id stops whatever runs, even another client's prompt.
    /// </summary>
    public bool InterruptIgnoresPromptId
    {
        get => _runtime.InterruptIgnoresPromptId;
        set => _runtime.InterruptIgnoresPromptId = value;
    }

    /// <summary>GET /view answers 200 with an HTML page (a proxy's error or login page) instead of the file.</summary>
    public bool ViewAnswersHtml
    {
        get => _runtime.ViewAnswersHtml;
        set => _runtime.ViewAnswersHtml = value;
    }

    /// <summary>GET /view answers 200 with an image/png body that never ends (a broken or hostile server), until unset.</summary>
    public bool ViewAnswersEndlessly
    {
        get => _runtime.ViewAnswersEndlessly;
        set => _runtime.ViewAnswersEndlessly = value;
    }

    /// <summary>The simulator's internals, for its own tests.</summary>
    internal SimulatorRuntime Runtime => _runtime;

    /// <summary>Registered WebSocket client ids right now.</summary>
    public int ConnectedClients => _runtime.Hub.Count;

    /// <summary>Starts a simulator; it listens when the returned task completes.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and the fix.</exception>
    public static async Task<ComfySimulator> StartAsync(SimulatorOptions? options = null, CancellationToken ct = default)
    {
        options = (options ?? new SimulatorOptions()).Clone();
        options.EnsureValid();
        var ownedDirectory = options.DataDirectory is null
            ? Path.Combine(Path.GetTempPath(), "comfybot-simulator-" + Guid.NewGuid().ToString("N"))
            : null;
        var files = new FileStore(options.DataDirectory ?? ownedDirectory!);
        var catalog = NodeCatalog.LoadEmbedded(options.MissingNodes, options.Models);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ComfySimulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
            Args = [],
        });
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

            // One line per request would drown the simulator's own messages.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxUploadSize;
        });
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = options.MaxUploadSize);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(sp => new SimulatorRuntime(options, files, catalog, sp.GetRequiredService<ILoggerFactory>().CreateLogger("ComfyBot.Simulator")));

        var app = builder.Build();
        var runtime = app.Services.GetRequiredService<SimulatorRuntime>();
        app.Use(async (context, next) =>
        {
            if (runtime.Unreachable)
            {
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                return;
            }

            await next(context);
        });
        app.UseWebSockets();
        app.MapComfyApi();
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ComfySimulator(app, runtime, new Uri(address.TrimEnd('/') + "/"), ownedDirectory);
    }

    /// <summary>
    /// Crash and restart: every socket dropped, queue, running prompt, history and caches lost, the counter
    /// back at 0, temp files wiped. Input and output files survive; the port keeps serving.
    /// </summary>
    public Task RestartAsync() => _runtime.RestartAsync();

    /// <summary>
    /// Cuts the server off as a reverse proxy that lost its upstream (or a network partition) would: every request,
    /// WebSocket upgrades included, answers 502 and open sockets are dropped, while the queue and the running prompt
    /// go on behind it. <see cref="Reconnect"/> ends it.
    /// </summary>
    public void Disconnect()
    {
        _runtime.Unreachable = true;
        _runtime.Hub.Drop(null);
    }

    /// <summary>Ends a <see cref="Disconnect"/>: requests are served again, with the state the server has now.</summary>
    public void Reconnect() => _runtime.Unreachable = false;

    /// <summary>Drops WebSockets without a close handshake (all, or one client id's); server state is kept.</summary>
    /// <returns>How many sockets were dropped.</returns>
    public int DropWebSockets(string? clientId = null) => _runtime.Hub.Drop(clientId);

    /// <summary>Queues a TraceSleep prompt for another client id ("foreign-N"), as another user would.</summary>
    /// <returns>The foreign prompt's id.</returns>
    public string EnqueueForeignPrompt(int steps = 4) => _runtime.EnqueueForeignPrompt(steps);

    /// <summary>
    /// Holds sampling: a sampler that has reported <paramref name="afterSteps"/> steps of its node waits before
    /// the next one until <see cref="ReleaseSampling"/>. An interrupt or restart ends the wait.
    /// </summary>
    public void HoldSampling(int afterSteps = 0) => _runtime.Gate.Hold(afterSteps);

    /// <summary>
    /// Puts <paramref name="files"/> in models/<paramref name="folder"/> (e.g. a LoRA copied onto the server): GET
    /// /models/{folder}, the loaders' combos in /object_info and prompt validation see them from the next request on.
    /// </summary>
    public void SetModels(string folder, IReadOnlyList<string> files)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(files);
        _runtime.SetModels(folder, files);
    }

    /// <summary>Lets held samplers continue.</summary>
    public void ReleaseSampling() => _runtime.Gate.Release();

    /// <summary>
    /// Holds GET /object_info (the whole catalogue) until <see cref="ReleaseObjectInfo"/>, as a real ComfyUI with many
    /// custom nodes is slow to build it: what waits for a server's catalogue waits on this signal, not on a timer.
    /// </summary>
    public void HoldObjectInfo() => _runtime.ObjectInfoHold.Hold();

    /// <summary>Lets every held GET /object_info answer; later ones answer at once.</summary>
    public void ReleaseObjectInfo() => _runtime.ObjectInfoHold.Release();

    /// <summary>Completes once a GET /object_info waits on the current <see cref="HoldObjectInfo"/>.</summary>
    public Task ObjectInfoHeld => _runtime.ObjectInfoHold.Arrived;

    /// <summary>Completes when the host is asked to stop (Ctrl+C for the standalone server).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    /// <summary>Stops the server, drops sockets and deletes the data folder if the simulator created it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _runtime.Gate.Release();
        _runtime.ObjectInfoHold.Release();
        _runtime.Hub.Drop(clientId: null);
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownedDirectory is not null)
        {
            try
            {
                Directory.Delete(_ownedDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open elsewhere; the temp folder is the OS's to clean.
            }
        }
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Discord.Gateway;

/// <summary>
/// Runs the bot's gateway shards in this process (the configured count, or what /gateway/bot recommends)
/// and hands their dispatches to subscribers. Owns its sessions, their loops and their transports.
/// </summary>
public sealed class GatewayClient : IAsyncDisposable
{
    private readonly GatewayOptions _options;
    private readonly GatewayBotCache _bots;
    private readonly Func<IGatewayTransport> _transportFactory;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly ILogger _logger;
    private readonly GatewayDispatcher _dispatcher;
    private readonly List<IGatewayTransport> _transports = [];
    private CancellationTokenSource? _running;
    private Task _completion = Task.CompletedTask;
    private GatewaySession[] _sessions = [];

    /// <summary>Creates the client; nothing connects before <see cref="StartAsync"/>.</summary>
    /// <param name="options">Token, intents, shard count; validated here.</param>
    /// <param name="botSource">GET /gateway/bot (the REST client).</param>
    /// <param name="transportFactory">Makes one transport per shard, e.g. <c>() => new WebSocketGatewayTransport(time)</c>.</param>
    /// <param name="timeProvider">The clock for heartbeats, backoff and limits.</param>
    /// <param name="logger">Where to log; never receives the token.</param>
    /// <param name="random">Jitter source; tests pass a fixed one.</param>
    public GatewayClient(
        GatewayOptions options,
        IGatewayBotSource botSource,
        Func<IGatewayTransport> transportFactory,
        TimeProvider timeProvider,
        ILogger<GatewayClient>? logger = null,
        Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(botSource);
        ArgumentNullException.ThrowIfNull(transportFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _bots = new GatewayBotCache(botSource);
        _transportFactory = transportFactory;
        _timeProvider = timeProvider;
        _random = random ?? new Random();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _dispatcher = new GatewayDispatcher(_logger);
    }

    /// <summary>The running shards, in shard id order; empty before <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<GatewaySession> Sessions => _sessions;

    /// <summary>The application id from the first READY, or null before it.</summary>
    public Snowflake? ApplicationId => _sessions.Select(s => s.ApplicationId).FirstOrDefault(id => id is not null);

    /// <summary>IDENTIFYs sent by all shards since start; each spends one of the daily session starts.</summary>
    public int IdentifyCount => _sessions.Sum(s => s.IdentifyCount);

    /// <summary>Completes when every shard stopped; faults with <see cref="GatewayFatalException"/> if one hit a fatal close code.</summary>
    public Task Completion => _completion;

    /// <summary>Adds a handler for dispatch events; dispose the result to remove it.</summary>
    public IDisposable Subscribe(IGatewayDispatchHandler handler) => _dispatcher.Subscribe(handler);

    /// <summary>Fetches /gateway/bot and starts every shard; returns once they are started, not connected.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_running is not null)
        {
            throw new InvalidOperationException("The gateway client is already started.");
        }

        var info = await _bots.RefreshAsync(cancellationToken);
        var shardCount = _options.ShardCount ?? Math.Max(1, info.Shards);
        var gate = new GatewayIdentifyGate(_bots, info.SessionStartLimit, _timeProvider, _logger);
        var sessions = new GatewaySession[shardCount];
        for (var shard = 0; shard < shardCount; shard++)
        {
            var transport = _transportFactory();
            _transports.Add(transport);
            sessions[shard] = new GatewaySession(shard, shardCount, _options, _bots, gate, transport, _dispatcher, _timeProvider, _random, _logger);
        }

        _sessions = sessions;
        _running = new CancellationTokenSource();
        _logger.LogInformation("Starting {Count} gateway shard(s); identify concurrency {Concurrency}", shardCount, info.SessionStartLimit.MaxConcurrency);
        _completion = RunAllAsync(sessions, _running);
    }

    /// <summary>Stops every shard (closing with 1000, which ends their sessions) and waits for them.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_running is null)
        {
            return;
        }

        await _running.CancelAsync();
        try
        {
            await _completion.WaitAsync(cancellationToken);
        }
        catch (GatewayFatalException)
        {
            // Already logged and visible through Completion.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        await _dispatcher.DisposeAsync();
        foreach (var transport in _transports)
        {
            await transport.DisposeAsync();
        }

        _running?.Dispose();
    }

    private static async Task RunAllAsync(GatewaySession[] sessions, CancellationTokenSource running)
    {
        var runs = sessions.Select(session => RunOneAsync(session, running)).ToArray();
        await Task.WhenAll(runs);
        var fatal = sessions.Select(s => s.FatalError).FirstOrDefault(e => e is not null);
        if (fatal is not null)
        {
            throw fatal;
        }
    }

    private static async Task RunOneAsync(GatewaySession session, CancellationTokenSource running)
    {
        try
        {
            // Started in shard order on purpose: each session takes its identify slot before its first
            // real wait, so shards identify in id order, bucket by bucket.
            await session.RunAsync(running.Token);
        }
        catch (GatewayFatalException)
        {
            // A bad token or bad intents are bad for every shard: stop them all.
            await running.CancelAsync();
        }
    }
}

using System.Buffers;
using System.Text.Json;
using ComfyBot.Discord.Gateway.Wire;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Discord.Gateway;

/// <summary>
/// One shard's gateway session: connects, identifies or resumes, heartbeats, hands dispatches on, and
/// reconnects until stopped or a fatal close code arrives. Each connection is a <see cref="GatewayConnection"/>;
/// the session keeps what outlives one (session id, sequence, resume URL). Created and run by <see cref="GatewayClient"/>.
/// </summary>
public sealed class GatewaySession
{
    private const string Query = "v=10&encoding=json";

    private readonly GatewayOptions _options;
    private readonly GatewayBotCache _bots;
    private readonly GatewayIdentifyGate _identifyGate;
    private readonly IGatewayTransport _transport;
    private readonly GatewayDispatcher _dispatcher;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly ILogger _logger;
    private readonly ArrayBufferWriter<byte> _receiveBuffer = new(64 * 1024);
    private int _sequence = -1;
    private int _identifyCount;
    private int _resumeCount;
    private int _reconnectCount;

    internal GatewaySession(
        int shardId,
        int shardCount,
        GatewayOptions options,
        GatewayBotCache bots,
        GatewayIdentifyGate identifyGate,
        IGatewayTransport transport,
        GatewayDispatcher dispatcher,
        TimeProvider timeProvider,
        Random random,
        ILogger logger)
    {
        ShardId = shardId;
        ShardCount = shardCount;
        _options = options;
        _bots = bots;
        _identifyGate = identifyGate;
        _transport = transport;
        _dispatcher = dispatcher;
        _timeProvider = timeProvider;
        _random = random;
        _logger = logger;
    }

    /// <summary>This shard's id.</summary>
    public int ShardId { get; }

    /// <summary>The number of shards the bot runs.</summary>
    public int ShardCount { get; }

    /// <summary>Where the session is in its life.</summary>
    public GatewaySessionState State { get; private set; }

    /// <summary>The session id from READY; null before READY and after the session was invalidated.</summary>
    public string? SessionId { get; private set; }

    /// <summary>Where to resume (from READY), without the query string.</summary>
    public string? ResumeGatewayUrl { get; private set; }

    /// <summary>The application's id (READY <c>application.id</c>), which the command and webhook routes need.</summary>
    public Snowflake? ApplicationId { get; private set; }

    /// <summary>The bot user's id (READY <c>user.id</c>).</summary>
    public Snowflake? UserId { get; private set; }

    /// <summary>The last sequence number received, or null.</summary>
    public int? Sequence => Volatile.Read(ref _sequence) is var s and >= 0 ? s : null;

    /// <summary>How many IDENTIFYs this session sent; each one spends a daily session start.</summary>
    public int IdentifyCount => Volatile.Read(ref _identifyCount);

    /// <summary>How many RESUMEs this session sent.</summary>
    public int ResumeCount => Volatile.Read(ref _resumeCount);

    /// <summary>How many times a connection ended and the session went on to connect again (by resuming or identifying anew).</summary>
    public int ReconnectCount => Volatile.Read(ref _reconnectCount);

    /// <summary>The classification of the last close, if any.</summary>
    public GatewayCloseClassification? LastClose { get; internal set; }

    /// <summary>Why the session stopped, when <see cref="State"/> is <see cref="GatewaySessionState.Faulted"/>.</summary>
    public GatewayFatalException? FatalError { get; private set; }

    /// <summary>Runs the session until <paramref name="cancellationToken"/> fires or a fatal close code arrives.</summary>
    /// <exception cref="GatewayFatalException">Discord refused the configuration (bad token, intents, shards, version).</exception>
    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new GatewayBackoff(NextRandom, _options.MaxReconnectDelay);
        var delay = TimeSpan.Zero;
        try
        {
            while (true)
            {
                if (delay > TimeSpan.Zero)
                {
                    State = GatewaySessionState.Reconnecting;
                    _logger.LogInformation("Shard {Shard} reconnects in {Delay}", ShardId, delay);
                    await Task.Delay(delay, _timeProvider, cancellationToken);
                }

                State = GatewaySessionState.Connecting;
                var resume = SessionId is not null && ResumeGatewayUrl is not null;
                Uri url;
                if (resume)
                {
                    url = WithQuery(ResumeGatewayUrl!, _options.Compression);
                }
                else
                {
                    try
                    {
                        await _identifyGate.WaitAsync(ShardId, cancellationToken);
                        url = WithQuery((await _bots.GetAsync(cancellationToken)).Url, _options.Compression);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        // REST trouble is as temporary as gateway trouble: back off and try again.
                        _logger.LogWarning(ex, "Shard {Shard} could not get a session start or the gateway URL from /gateway/bot", ShardId);
                        delay = backoff.Next();
                        continue;
                    }
                }

                var outcome = await RunConnectionAsync(url, resume, cancellationToken);
                if (outcome.Established)
                {
                    backoff.Reset();
                }

                if (outcome.Action == GatewayCloseAction.Fatal)
                {
                    FatalError = new GatewayFatalException(outcome.CloseCode ?? 0, ShardId, outcome.Reason);
                    State = GatewaySessionState.Faulted;
                    _logger.LogCritical("{Error}", FatalError.Message);
                    throw FatalError;
                }

                if (outcome.Action == GatewayCloseAction.Reidentify)
                {
                    ForgetSession();
                }

                _logger.LogInformation("Shard {Shard} connection ended ({Reason}); next: {Action}", ShardId, outcome.Reason, outcome.Action);
                Interlocked.Increment(ref _reconnectCount);
                delay = outcome.Delay ?? backoff.Next();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            State = GatewaySessionState.Stopped;
        }
    }

    /// <summary>
    /// Appends the version, encoding and compression query the gateway needs; the READY resume URL carries none, and
    /// a resume must ask for the same compression as the first connection.
    /// </summary>
    internal static Uri WithQuery(string url, GatewayCompression compression = GatewayCompression.None)
    {
        var builder = new UriBuilder(url) { Query = compression == GatewayCompression.ZlibStream ? Query + "&compress=zlib-stream" : Query };
        return builder.Uri;
    }

    /// <summary>Records a dispatch's sequence number, which heartbeats and a RESUME carry.</summary>
    internal void Advance(int sequence) => Volatile.Write(ref _sequence, sequence);

    /// <summary>The answer to HELLO: RESUME on a resumed session, IDENTIFY (a daily session start) otherwise.</summary>
    internal byte[] Greeting(bool resume)
    {
        if (resume)
        {
            Interlocked.Increment(ref _resumeCount);
            return GatewayPayloads.Resume(_options, SessionId!, Sequence);
        }

        Interlocked.Increment(ref _identifyCount);
        return GatewayPayloads.Identify(_options, ShardId, ShardCount);
    }

    /// <summary>READY: the session now has an id and a resume URL.</summary>
    /// <exception cref="JsonException">READY lacks what a later resume needs.</exception>
    internal void OnReady(JsonReady ready)
    {
        SessionId = ready.SessionId ?? throw new JsonException("READY carried no session_id.");
        ResumeGatewayUrl = ready.ResumeGatewayUrl ?? throw new JsonException("READY carried no resume_gateway_url.");
        ApplicationId = ready.Application?.Id;
        UserId = ready.User?.Id;
        State = GatewaySessionState.Ready;
        _logger.LogInformation("Shard {Shard} ready as {User} (application {Application})", ShardId, ready.User?.Username, ApplicationId);
    }

    /// <summary>RESUMED: the missed events follow, and the session is live again.</summary>
    internal void OnResumed()
    {
        State = GatewaySessionState.Ready;
        _logger.LogInformation("Shard {Shard} resumed at sequence {Sequence}", ShardId, Sequence);
    }

    // System.Random is not thread-safe, and shards of one client share one instance.
    internal double NextRandom()
    {
        lock (_random)
        {
            return _random.NextDouble();
        }
    }

    private async Task<GatewayConnectionOutcome> RunConnectionAsync(Uri url, bool resume, CancellationToken cancellationToken)
    {
        try
        {
            await _transport.ConnectAsync(url, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Shard {Shard} could not connect to {Host}", ShardId, url.Host);
            if (!resume)
            {
                // The cached /gateway/bot URL failed: ask for it again next time.
                _bots.Invalidate();
            }

            return new(GatewayCloseAction.Resume, "connect failed", Established: false);
        }

        using var connection = new GatewayConnection(this, _transport, _receiveBuffer, _dispatcher, _timeProvider, _logger, cancellationToken);
        return await connection.RunAsync(resume, cancellationToken);
    }

    private void ForgetSession()
    {
        SessionId = null;
        ResumeGatewayUrl = null;
        Volatile.Write(ref _sequence, -1);
    }
}

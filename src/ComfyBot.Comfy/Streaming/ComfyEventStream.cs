using ComfyBot.Comfy.Events;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Comfy.Streaming;

/// <summary>
/// The event stream of one client id: a single WebSocket to <c>/ws?clientId=...</c>, kept open. It sends the
/// feature-flags frame first on every connection, parses frames into typed events, attributes type-1
/// previews to the prompt last seen executing, reconnects with exponential backoff and jitter (closing the old
/// socket before opening the new one; <see cref="ReconnectNow"/> cuts a wait short once the server is known to be
/// back), and reports each outage as a <see cref="ConnectionGapEvent"/>.
/// </summary>
public sealed class ComfyEventStream : IAsyncDisposable
{
    private static readonly byte[] FeatureFlagsFrame = """{"type":"feature_flags","data":{"supports_preview_metadata":true}}"""u8.ToArray();

    private readonly Uri _uri;
    private readonly ComfyEventStreamOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IComfySocketFactory _sockets;
    private readonly ReconnectBackoff _backoff;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly ConnectionState _connection;
    private readonly Subscriptions _subscriptions = new();
    private readonly PreviewAttribution _previews = new();
    private Task? _loop;

    /// <summary>
    /// Raised when the server sent a message over <see cref="ComfyEventStreamOptions.MaxMessageBytes"/> (the connection was
    /// dropped and is opened again): a broken or hostile server, which the owner may take out of service. Runs on the
    /// stream's loop; a handler that throws is logged.
    /// </summary>
    public event EventHandler<Http.ComfyResponseTooLargeException>? MessageTooLarge;

    /// <summary>Creates the stream; call <see cref="StartAsync"/> to connect.</summary>
    /// <param name="serverAddress">The ComfyUI server, e.g. <c>http://127.0.0.1:8188/</c> (ws/wss is derived).</param>
    /// <param name="clientId">The client id to connect as; submit prompts with the same id to get their events.</param>
    /// <param name="options">Reconnect settings; validated here.</param>
    /// <param name="timeProvider">The clock for backoff delays and gap times.</param>
    /// <param name="logger">Where connection changes are logged.</param>
    public ComfyEventStream(Uri serverAddress, string clientId, ComfyEventStreamOptions options, TimeProvider timeProvider, ILogger<ComfyEventStream> logger)
        : this(serverAddress, clientId, options, timeProvider, logger, new ClientWebSocketFactory(options?.RequestHeaders, options?.MaxMessageBytes ?? 64 * 1024 * 1024), Random.Shared.NextDouble)
    {
    }

    internal ComfyEventStream(Uri serverAddress, string clientId, ComfyEventStreamOptions options, TimeProvider timeProvider, ILogger logger, IComfySocketFactory sockets, Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(serverAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _uri = SocketUri(serverAddress, clientId);
        ClientId = clientId;
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _sockets = sockets;
        _backoff = new ReconnectBackoff(options.ReconnectInitialDelay, options.ReconnectMaxDelay, random);
        _connection = new ConnectionState(timeProvider);
    }

    /// <summary>The client id this stream connects as.</summary>
    public string ClientId { get; }

    /// <summary>Whether a connection is open now.</summary>
    public bool IsConnected => _connection.IsOpen;

    /// <summary>
    /// Starts the connection loop (once) and waits until a connection is open: the first one, or, after the connection
    /// was lost, the next one, which it asks for at once (see <see cref="ReconnectNow"/>). The loop keeps reconnecting
    /// until the stream is disposed, even if this wait is cancelled.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        Task connected;
        lock (_gate)
        {
            // The loop outlives its first caller and serves every job of this client id: it must not inherit that
            // caller's ambient state (a log scope naming the first job, its trace span), which would label each later
            // warning of the stream with a job it has nothing to do with.
            using (ExecutionContext.SuppressFlow())
            {
                _loop ??= Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
            }
            connected = _connection.Opened;
        }

        if (!connected.IsCompleted)
        {
            // A caller that needs the events now should not sit out a backoff meant for a server that was gone.
            ReconnectNow();
        }

        return connected.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The server is known to be back (e.g. a health check reached it): when the stream is waiting to reconnect, it
    /// connects now and its backoff starts over, instead of sitting out a delay that grew while the server was down.
    /// Does nothing while a connection is open.
    /// </summary>
    public void ReconnectNow()
    {
        if (!_stop.IsCancellationRequested)
        {
            _connection.CutShortBackoff();
        }
    }

    /// <summary>Subscribes to every event (<paramref name="promptId"/> null) or to one prompt's events.</summary>
    /// <remarks>Subscribe before submitting a prompt so none of its events can be missed.</remarks>
    public ComfyEventSubscription Subscribe(string? promptId = null) => _subscriptions.Add(promptId);

    /// <summary>Stops the loop, closes the socket and completes every subscription.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        ComfyEventSubscription[] subscriptions;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _stop.Cancel();
            loop = _loop;
            subscriptions = _subscriptions.Close();
        }

        if (loop is not null)
        {
            await loop;
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Complete();
        }

        _connection.End();
        _stop.Dispose();
    }

    internal static Uri SocketUri(Uri server, string clientId)
    {
        var root = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        var builder = new UriBuilder(new Uri(root, "ws?clientId=" + Uri.EscapeDataString(clientId)));
        builder.Scheme = server.Scheme switch
        {
            "https" or "wss" => "wss",
            "http" or "ws" => "ws",
            _ => throw new ArgumentException($"The server address must be http(s) or ws(s); got '{server.Scheme}'.", nameof(server)),
        };
        return builder.Uri;
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        DateTimeOffset? lostAt = null;
        while (!stop.IsCancellationRequested)
        {
            var socket = _sockets.Create();
            var opened = false;
            try
            {
                await socket.ConnectAsync(_uri, stop);
                if (_options.RequestPreviewMetadata)
                {
                    await socket.SendTextAsync(FeatureFlagsFrame, stop);
                }

                opened = true;
                failures = 0;

                // The socket counts as connected only once the server has said so with its first frame (the
                // on-connect status): ComfyUI registers the client id just before sending it, and events for a
                // client id it has not registered yet are dropped, so submitting earlier could lose them.
                await ReceiveAsync(socket, OnRegistered, stop);
                _logger.LogWarning("Event stream {ClientId}: the server closed the connection.", ClientId);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Event stream {ClientId}: {What}.", ClientId, opened ? "connection lost" : "could not connect");
                if (ex is Http.ComfyResponseTooLargeException tooLarge)
                {
                    ReportTooLarge(tooLarge);
                }
            }

            finally
            {
                if (_connection.Lost())
                {
                    lostAt ??= _time.GetUtcNow();
                }

                // Close before the next connect: a stale registration on the server would swallow the new socket's events.
                await CloseQuietlyAsync(socket);
            }

            if (stop.IsCancellationRequested)
            {
                break;
            }

            failures++;
            bool waitedOut;
            try
            {
                waitedOut = await _connection.BackoffAsync(_backoff.Next(failures), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (!waitedOut)
            {
                failures = 0;
                _logger.LogInformation("Event stream {ClientId}: reconnecting now, without waiting out the backoff: the server is back or a job needs the events.", ClientId);
            }
        }

        void OnRegistered()
        {
            var waiters = _connection.Open();
            _previews.Reset();
            _logger.LogInformation("Event stream {ClientId} connected to {Uri}.", ClientId, _uri);
            if (lostAt is { } at)
            {
                lostAt = null;
                _subscriptions.Publish(new ConnectionGapEvent(at, _time.GetUtcNow()));
            }

            waiters.TrySetResult();
        }
    }

    private async Task ReceiveAsync(IComfySocket socket, Action onRegistered, CancellationToken stop)
    {
        var parser = new ComfyEventParser();
        var registered = false;
        while (await socket.ReceiveAsync(stop) is { } message)
        {
            if (!registered)
            {
                registered = true;
                onRegistered();
            }

            ComfyEvent item;
            try
            {
                // Binary payloads are copied once out of the receive buffer, because previews outlive it.
                item = message.IsText ? parser.Parse(message.Payload.Span) : parser.ParseBinary(message.Payload.ToArray());
            }
            catch (ComfyProtocolException ex)
            {
                _logger.LogWarning(ex, "Event stream {ClientId}: skipped a malformed frame.", ClientId);
                continue;
            }

            _subscriptions.Publish(_previews.Attribute(item));
        }
    }

    private async Task CloseQuietlyAsync(IComfySocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
            await socket.CloseAsync(timeout.Token);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Event stream {ClientId}: closing the old socket failed.", ClientId);
        }
        finally
        {
            await socket.DisposeAsync();
        }
    }

    private void ReportTooLarge(Http.ComfyResponseTooLargeException error)
    {
        try
        {
            MessageTooLarge?.Invoke(this, error);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Event stream {ClientId}: a MessageTooLarge handler failed.", ClientId);
        }
    }
}

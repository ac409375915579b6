using ComfyBot.Comfy.Events;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Comfy.Streaming;

/// <summary>
/// The event stream of one client id: a single WebSocket to <c>/ws?clientId=...</c>, kept open. It sends the
/// feature-flags frame first on every connection, parses frames into typed events, attributes type-1
/// previews to the prompt last seen executing, reconnects with exponential backoff and jitter (closing the old
/// socket before opening the new one), and reports each outage as a <see cref="ConnectionGapEvent"/>.
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
    private readonly TaskCompletionSource _firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private ComfyEventSubscription[] _subscriptions = [];
    private Task? _loop;
    private volatile bool _connected;
    private string? _runningPromptId;

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
        options.Validate();
        _uri = SocketUri(serverAddress, clientId);
        ClientId = clientId;
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _sockets = sockets;
        _backoff = new ReconnectBackoff(options.ReconnectInitialDelay, options.ReconnectMaxDelay, random);
    }

    /// <summary>The client id this stream connects as.</summary>
    public string ClientId { get; }

    /// <summary>Whether a connection is open now.</summary>
    public bool IsConnected => _connected;

    /// <summary>
    /// Starts the connection loop (once) and waits until the first connection is open. The loop keeps
    /// reconnecting until the stream is disposed, even if this wait is cancelled.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        lock (_gate)
        {
            _loop ??= Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        }

        return _firstConnection.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Subscribes to every event (<paramref name="promptId"/> null) or to one prompt's events.</summary>
    /// <remarks>Subscribe before submitting a prompt so none of its events can be missed.</remarks>
    public ComfyEventSubscription Subscribe(string? promptId = null)
    {
        var subscription = new ComfyEventSubscription(promptId, Remove);
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                subscription.Complete();
                return subscription;
            }

            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

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
            subscriptions = _subscriptions;
            _subscriptions = [];
        }

        if (loop is not null)
        {
            await loop;
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Complete();
        }

        _firstConnection.TrySetCanceled();
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
            }

            finally
            {
                if (_connected)
                {
                    _connected = false;
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
            try
            {
                await Task.Delay(_backoff.Next(failures), _time, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        void OnRegistered()
        {
            _connected = true;
            _runningPromptId = null;
            _logger.LogInformation("Event stream {ClientId} connected to {Uri}.", ClientId, _uri);
            if (lostAt is { } at)
            {
                lostAt = null;
                Publish(new ConnectionGapEvent(at, _time.GetUtcNow()));
            }

            _firstConnection.TrySetResult();
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

            Publish(Attribute(item));
        }
    }

    /// <summary>Tracks which prompt runs on this socket, so type-1 previews (which name none) can be attributed.</summary>
    private ComfyEvent Attribute(ComfyEvent item)
    {
        switch (item)
        {
            case ExecutionStartEvent start:
                _runningPromptId = start.PromptId;
                break;
            case ExecutingEvent { PromptId: { } id, NodeId: not null }:
                _runningPromptId = id;
                break;
            case ExecutingEvent { PromptId: { } id, NodeId: null } when id == _runningPromptId:
                _runningPromptId = null;
                break;
            case ProgressEvent { PromptId: { } id }:
                _runningPromptId = id;
                break;
            case PreviewImageEvent { PromptId: null } preview when _runningPromptId is not null:
                return preview with { PromptId = _runningPromptId };
        }

        return item;
    }

    private void Publish(ComfyEvent item)
    {
        var subscriptions = Volatile.Read(ref _subscriptions);
        foreach (var subscription in subscriptions)
        {
            subscription.Offer(item);
        }
    }

    private void Remove(ComfyEventSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
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
}

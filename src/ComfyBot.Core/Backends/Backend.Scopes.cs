using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tracking;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Backends;

public sealed partial class Backend
{
    private readonly Lock _scopeGate = new();
    private readonly Dictionary<string, BackendScopeEntry> _scopes = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>How many scopes have an open event stream, leased or idle.</summary>
    public int OpenScopeCount
    {
        get
        {
            lock (_scopeGate)
            {
                return _scopes.Count;
            }
        }
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
    public async Task<BackendScope> OpenScopeAsync(string scopeKey, CancellationToken cancellationToken = default)
    {
        var clientId = ClientIdFor(scopeKey);
        BackendScopeEntry entry;
        lock (_scopeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_scopes.TryGetValue(scopeKey, out entry!))
            {
                var events = _clients.CreateEventStream(Address, clientId, StreamOptions());
                events.MessageTooLarge += (_, error) => Misbehaved?.Invoke(this, error.Message);
                var tracker = _clients.CreateTracker(Client, events, _options.Tracking);
                entry = new BackendScopeEntry(scopeKey, events, tracker);
                _scopes.Add(scopeKey, entry);
            }

            entry.Leases++;
        }

        var scope = new BackendScope(this, entry);
        try
        {
            await entry.Events.StartAsync(cancellationToken);
        }
        catch
        {
            scope.Dispose();
            throw;
        }

        return scope;
    }

    /// <summary>Closes the event streams that have had no lease for <see cref="BackendOptions.ScopeIdleTimeout"/>.</summary>
    /// <returns>How many were closed.</returns>
    public async Task<int> CloseIdleScopesAsync()
    {
        var now = _time.GetUtcNow();
        List<BackendScopeEntry> idle;
        lock (_scopeGate)
        {
            idle = [.. _scopes.Values.Where(e => e.Leases == 0 && now - e.IdleSince >= _options.ScopeIdleTimeout)];
            foreach (var entry in idle)
            {
                _scopes.Remove(entry.ScopeKey);
            }
        }

        foreach (var entry in idle)
        {
            await entry.Events.DisposeAsync();
        }

        if (idle.Count > 0)
        {
            _logger.LogDebug("Backend {Backend}: closed {Count} idle event stream(s).", Name, idle.Count);
        }

        return idle.Count;
    }

    /// <summary>Closes every event stream and the HTTP connections. Leases still held become inert.</summary>
    public async ValueTask DisposeAsync()
    {
        List<BackendScopeEntry> all;
        lock (_scopeGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            all = [.. _scopes.Values];
            _scopes.Clear();
        }

        foreach (var entry in all)
        {
            await entry.Events.DisposeAsync();
        }

        _http.Dispose();
    }

    /// <summary>Asks every open event stream that is waiting to reconnect to connect now (the server answered again).</summary>
    internal void ReconnectStreams()
    {
        List<BackendScopeEntry> all;
        lock (_scopeGate)
        {
            all = [.. _scopes.Values];
        }

        foreach (var entry in all)
        {
            entry.Events.ReconnectNow();
        }
    }

    internal void Release(BackendScopeEntry entry)
    {
        lock (_scopeGate)
        {
            entry.Leases--;
            if (entry.Leases == 0)
            {
                entry.IdleSince = _time.GetUtcNow();
            }
        }
    }

    private ComfyEventStreamOptions StreamOptions()
    {
        var options = new ComfyEventStreamOptions
        {
            ReconnectInitialDelay = _options.Events.ReconnectInitialDelay,
            ReconnectMaxDelay = _options.Events.ReconnectMaxDelay,
            RequestPreviewMetadata = _options.Events.RequestPreviewMetadata,

            // Backends:N:Events:MaxMessageBytes was not passed on, so every stream kept the 64 MiB default.
            MaxMessageBytes = _options.Events.MaxMessageBytes,
        };
        foreach (var (name, value) in _options.Events.RequestHeaders.Concat(_options.Headers))
        {
            options.RequestHeaders[name] = value;
        }

        return options;
    }
}

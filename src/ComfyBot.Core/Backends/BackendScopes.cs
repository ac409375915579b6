using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Streaming;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Backends;

/// <summary>
/// The scopes open on one backend: an event stream and job tracker per scope key (a channel or user id), made and
/// connected on first use, shared by every lease of that key, closed once no lease has held it for
/// <see cref="BackendOptions.ScopeIdleTimeout"/>, and asked to reconnect at once when the server answers again.
/// </summary>
/// <param name="backend">The server the scopes are on; leases name it, and its client submits their prompts.</param>
/// <param name="options">The server's settings: the streams' and trackers' options, its headers, the idle timeout.</param>
/// <param name="clients">Makes the streams and trackers, on the backend's clock.</param>
/// <param name="logger">The backend's logger.</param>
/// <param name="misbehaved">Told when a stream cut a message larger than its cap.</param>
internal sealed class BackendScopes(Backend backend, BackendOptions options, ComfyClientFactory clients, ILogger logger, Action<string> misbehaved)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BackendScopeEntry> _scopes = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>How many scopes have an open event stream, leased or idle.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _scopes.Count;
            }
        }
    }

    /// <summary>Leases the scope of <paramref name="scopeKey"/>, whose client id is <paramref name="clientId"/> (see <see cref="Backend.OpenScopeAsync"/>).</summary>
    public async Task<BackendScope> OpenAsync(string scopeKey, string clientId, CancellationToken cancellationToken)
    {
        BackendScopeEntry entry;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, backend);
            if (!_scopes.TryGetValue(scopeKey, out entry!))
            {
                var events = clients.CreateEventStream(backend.Address, clientId, StreamOptions());
                events.MessageTooLarge += (_, error) => misbehaved(error.Message);
                var tracker = clients.CreateTracker(backend.Client, events, options.Tracking);
                entry = new BackendScopeEntry(scopeKey, events, tracker);
                _scopes.Add(scopeKey, entry);
            }

            entry.Leases++;
        }

        var scope = new BackendScope(backend, entry);
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

    /// <summary>Closes the event streams that have had no lease for <see cref="BackendOptions.ScopeIdleTimeout"/>; returns how many.</summary>
    public async Task<int> CloseIdleAsync()
    {
        var now = clients.Time.GetUtcNow();
        List<BackendScopeEntry> idle;
        lock (_gate)
        {
            idle = [.. _scopes.Values.Where(e => e.Leases == 0 && now - e.IdleSince >= options.ScopeIdleTimeout)];
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
            logger.LogDebug("Backend {Backend}: closed {Count} idle event stream(s).", backend.Name, idle.Count);
        }

        return idle.Count;
    }

    /// <summary>Closes every event stream; leases still held become inert. False when they were closed already.</summary>
    public async Task<bool> CloseAllAsync()
    {
        List<BackendScopeEntry> all;
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            _disposed = true;
            all = [.. _scopes.Values];
            _scopes.Clear();
        }

        foreach (var entry in all)
        {
            await entry.Events.DisposeAsync();
        }

        return true;
    }

    /// <summary>Asks every open event stream that is waiting to reconnect to connect now (the server answered again).</summary>
    public void ReconnectAll()
    {
        List<BackendScopeEntry> all;
        lock (_gate)
        {
            all = [.. _scopes.Values];
        }

        foreach (var entry in all)
        {
            entry.Events.ReconnectNow();
        }
    }

    /// <summary>Gives back one lease of <paramref name="entry"/>; the last one starts its idle time.</summary>
    public void Release(BackendScopeEntry entry)
    {
        lock (_gate)
        {
            entry.Leases--;
            if (entry.Leases == 0)
            {
                entry.IdleSince = clients.Time.GetUtcNow();
            }
        }
    }

    private ComfyEventStreamOptions StreamOptions()
    {
        var streamOptions = new ComfyEventStreamOptions
        {
            ReconnectInitialDelay = options.Events.ReconnectInitialDelay,
            ReconnectMaxDelay = options.Events.ReconnectMaxDelay,
            RequestPreviewMetadata = options.Events.RequestPreviewMetadata,

            // Backends:N:Events:MaxMessageBytes was not passed on, so every stream kept the 64 MiB default.
            MaxMessageBytes = options.Events.MaxMessageBytes,
        };
        foreach (var (name, value) in options.Events.RequestHeaders.Concat(options.Headers))
        {
            streamOptions.RequestHeaders[name] = value;
        }

        return streamOptions;
    }
}

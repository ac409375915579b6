using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tracking;

namespace ComfyBot.Core.Backends;

/// <summary>
/// A lease on one scope's event stream and job tracker on a backend (see <see cref="Backend.OpenScopeAsync"/>).
/// Hold it while submitting and following jobs of that scope; dispose it when done. The stream stays open while any
/// lease is held and is closed once it has had none for <see cref="BackendOptions.ScopeIdleTimeout"/>.
/// </summary>
public sealed class BackendScope : IDisposable
{
    private readonly Backend _backend;
    private readonly BackendScopeEntry _entry;
    private int _released;

    internal BackendScope(Backend backend, BackendScopeEntry entry)
    {
        _backend = backend;
        _entry = entry;
    }

    /// <summary>The backend this scope runs on.</summary>
    public Backend Backend => _backend;

    /// <summary>The scope key: the channel or user id whose jobs share this stream.</summary>
    public string ScopeKey => _entry.ScopeKey;

    /// <summary>The client id sent with prompts and on the socket: <c>comfybot-&lt;instance&gt;-&lt;scope key&gt;</c>.</summary>
    public string ClientId => _entry.Events.ClientId;

    /// <summary>The scope's event stream, connected when the lease was handed out.</summary>
    public ComfyEventStream Events => _entry.Events;

    /// <summary>Submits and follows the scope's jobs over <see cref="Events"/>.</summary>
    public JobTracker Tracker => _entry.Tracker;

    /// <summary>Gives the lease back; the second and later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _backend.Scopes.Release(_entry);
        }
    }
}

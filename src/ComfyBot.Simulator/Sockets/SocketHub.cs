using System.Text;
using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Sockets;

/// <summary>
/// The registry of sockets by sid and the routing rule of protocol section 5: no sid broadcasts, a
/// registered sid gets it alone, an unregistered sid silently drops the message.
/// </summary>
internal sealed class SocketHub
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ClientConnection> _sockets = new(StringComparer.Ordinal);

    // Every open socket, registered or not: an older socket that a reconnect displaced is still open
    // and must still be droppable.
    private readonly HashSet<ClientConnection> _live = [];
    private TaskCompletionSource _registryChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the number of registered client ids satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForCountAsync(Func<int, bool> condition, CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(_sockets.Count))
                {
                    return;
                }

                changed = _registryChanged.Task;
            }

            await changed.WaitAsync(ct);
        }
    }

    private void RegistryChangedLocked()
    {
        _registryChanged.TrySetResult();
        _registryChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Track(ClientConnection connection)
    {
        lock (_gate)
        {
            _live.Add(connection);
        }
    }

    public void Untrack(ClientConnection connection)
    {
        lock (_gate)
        {
            _live.Remove(connection);
        }
    }

    /// <summary>Registers a socket, replacing whatever was registered under its sid.</summary>
    public void Register(ClientConnection connection)
    {
        lock (_gate)
        {
            _sockets[connection.Sid] = connection;
            RegistryChangedLocked();
        }
    }

    /// <summary>
    /// Removes whatever is registered under the sid, even if that is a newer socket: ComfyUI's handler does
    /// <c>sockets.pop(sid)</c> in its finally block, and the recordings (11_ws_reconnect) show the newer
    /// socket going silent when the older one closes. The simulator keeps that hazard on purpose.
    /// </summary>
    public void Unregister(string sid)
    {
        lock (_gate)
        {
            _sockets.Remove(sid);
            RegistryChangedLocked();
        }
    }

    public bool IsConnected(string sid)
    {
        lock (_gate)
        {
            return _sockets.ContainsKey(sid);
        }
    }

    public bool SupportsPreviewMetadata(string sid)
    {
        lock (_gate)
        {
            return _sockets.TryGetValue(sid, out var c) && c.SupportsPreviewMetadata;
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sockets.Count;
            }
        }
    }

    public static OutboundFrame TextFrame(string type, JsonNode data)
    {
        var message = new JsonObject { ["type"] = type, ["data"] = data };
        return new OutboundFrame(Encoding.UTF8.GetBytes(WireJson.Write(message)), IsText: true);
    }

    /// <summary>Sends a JSON message with the real server's routing.</summary>
    public void Send(string type, JsonNode data, string? sid) => Send(TextFrame(type, data), sid);

    /// <summary>Sends a prepared frame with the real server's routing.</summary>
    public void Send(OutboundFrame frame, string? sid)
    {
        lock (_gate)
        {
            if (sid is null)
            {
                foreach (var socket in _sockets.Values)
                {
                    socket.Enqueue(frame);
                }
            }
            else if (_sockets.TryGetValue(sid, out var socket))
            {
                socket.Enqueue(frame);
            }
        }
    }

    /// <summary>Drops sockets without a close handshake: all of them, or those of one client id.</summary>
    public int Drop(string? clientId)
    {
        List<ClientConnection> victims;
        lock (_gate)
        {
            victims = [.. _live.Where(c => clientId is null || c.Sid == clientId)];
            foreach (var victim in victims)
            {
                _live.Remove(victim);
                if (_sockets.TryGetValue(victim.Sid, out var registered) && registered == victim)
                {
                    _sockets.Remove(victim.Sid);
                }
            }

            RegistryChangedLocked();
        }

        foreach (var victim in victims)
        {
            victim.Abort();
        }

        return victims.Count;
    }
}

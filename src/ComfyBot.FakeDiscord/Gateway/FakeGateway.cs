namespace ComfyBot.FakeDiscord.Gateway;

/// <summary>
/// The fake's gateway as tests see it: what the client did (connections, IDENTIFY, RESUME, heartbeats, close
/// codes) and scripted faults applied to every live connection.
/// </summary>
public sealed class FakeGateway
{
    private readonly GatewayHub hub;

    internal FakeGateway(GatewayHub hub) => this.hub = hub;

    /// <summary>WebSocket connections opened so far.</summary>
    public int ConnectionCount => hub.ConnectionCount;

    /// <summary>Connections open right now.</summary>
    public int LiveConnectionCount => hub.Live.Count;

    /// <summary>Connections open right now that are identified or resumed.</summary>
    public int ReadyConnectionCount => hub.Live.Count(c => c.Session is { IsInvalidated: false });

    /// <summary>IDENTIFYs accepted (each sent READY).</summary>
    public int IdentifyCount => hub.IdentifyCount;

    /// <summary>RESUMEs accepted (each replayed missed events and sent RESUMED).</summary>
    public int ResumeCount => hub.ResumeCount;

    /// <summary>Heartbeats received (op 1 from the client).</summary>
    public int HeartbeatCount => hub.HeartbeatCount;

    /// <summary>Connections closed with 4009 because the client stopped heartbeating.</summary>
    public int HeartbeatTimeouts => hub.HeartbeatTimeouts;

    /// <summary>Live connections whose frames are zlib-stream compressed (the client asked for compress=zlib-stream).</summary>
    public int CompressedConnectionCount => hub.Live.Count(c => c.Compressed);

    /// <summary>op 9 sent, scripted or after a failed RESUME.</summary>
    public int InvalidSessionCount => hub.InvalidSessionCount;

    /// <summary>Close codes the fake sent, in order.</summary>
    public IReadOnlyList<int> ServerCloseCodes => hub.ServerCloseCodes;

    /// <summary>Close codes the client sent (null: a close frame without a code).</summary>
    public IReadOnlyList<int?> ClientCloseCodes => hub.ClientCloseCodes;

    /// <summary>Session ids issued, oldest first is not guaranteed.</summary>
    public IReadOnlyList<string> SessionIds => [.. hub.Sessions.Select(s => s.SessionId)];

    /// <summary>The last sequence number of a session (0 before READY), e.g. to assert what a RESUME replays.</summary>
    public int LastSequence(string sessionId) => hub.Sessions.FirstOrDefault(s => s.SessionId == sessionId)?.LastSequence ?? 0;

    /// <summary>While true, heartbeats get no ACK (op 11): the client should detect a zombie connection.</summary>
    public bool HeartbeatAcksSilenced
    {
        get => hub.AcksSilenced;
        set => hub.AcksSilenced = value;
    }

    /// <summary>
    /// While true, new gateway connections are refused (503 on the upgrade), as in an outage of Discord's gateway;
    /// with <see cref="DropConnections"/> the client is cut off until this is false again.
    /// </summary>
    public bool RefusingConnections
    {
        get => hub.Refusing;
        set => hub.Refusing = value;
    }

    /// <summary>Completes when <paramref name="condition"/> holds; re-checked on every gateway change.</summary>
    public Task WaitForAsync(Func<FakeGateway, bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return hub.State.Signal.WaitAsync(() => condition(this), cancellationToken);
    }

    /// <summary>Completes when at least one live connection is identified or resumed.</summary>
    public Task WaitForReadyAsync(CancellationToken cancellationToken = default) =>
        WaitForAsync(g => g.ReadyConnectionCount > 0, cancellationToken);

    /// <summary>Sends op 7 Reconnect: the client should reconnect and RESUME.</summary>
    public void SendReconnect() => ForEachLive(c => c.Send(GatewayFrames.Op(7, null)));

    /// <summary>Sends op 1: the client must heartbeat at once.</summary>
    public void RequestHeartbeat() => ForEachLive(c => c.Send(GatewayFrames.Op(1, null)));

    /// <summary>Sends op 9 Invalid Session; with <paramref name="resumable"/> false the session can no longer be resumed.</summary>
    public void InvalidateSession(bool resumable) => ForEachLive(c => hub.InvalidateSession(c, resumable));

    /// <summary>Closes every live connection with a close code (4000-4014, 1000, 1001 ...) and reason.</summary>
    public void Close(int code, string reason = "")
    {
        if (code is < 1000 or > 4999)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "WebSocket close codes are 1000-4999; Discord's gateway codes are 4000-4014.");
        }

        ForEachLive(c => c.Close(code, reason));
    }

    /// <summary>Drops every live TCP connection without a close frame; sessions stay resumable.</summary>
    public void DropConnections() => ForEachLive(c => c.Drop());

    private void ForEachLive(Action<GatewayConnection> action)
    {
        var live = hub.Live;
        if (live.Count == 0)
        {
            throw new InvalidOperationException("No gateway connection is open; connect a client first (await fake.Gateway.WaitForReadyAsync()).");
        }

        foreach (var connection in live)
        {
            action(connection);
        }
    }
}

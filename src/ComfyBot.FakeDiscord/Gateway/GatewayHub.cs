using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ComfyBot.FakeDiscord.Gateway;

/// <summary>
/// Owns the gateway's connections and sessions: IDENTIFY and RESUME rules, sequence numbers, dispatch routing
/// by shard, and the bookkeeping tests read through <see cref="FakeGateway"/>.
/// </summary>
internal sealed class GatewayHub(FakeDiscordState state) : IDisposable
{
    /// <summary>Every intent bit Discord defines (0..25); others close with 4013.</summary>
    private const int KnownIntents = (1 << 26) - 1;

    /// <summary>GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT.</summary>
    private const int PrivilegedIntents = (1 << 1) | (1 << 8) | (1 << 15);

    private static readonly string[] IdentifyProperties = ["os", "browser", "device"];

    private readonly Lock gate = new();
    private readonly List<GatewayConnection> connections = [];
    private readonly Dictionary<string, GatewaySession> sessions = new(StringComparer.Ordinal);
    private readonly List<int> serverCloseCodes = [];
    private readonly List<int?> clientCloseCodes = [];
    private readonly CancellationTokenSource lifetime = new();

    public FakeDiscordState State => state;

    public bool AcksSilenced { get; set; }

    public int ConnectionCount { get; private set; }

    public int IdentifyCount { get; private set; }

    public int ResumeCount { get; private set; }

    public int HeartbeatCount { get; private set; }

    /// <summary>Connections closed with 4009 because the client stopped heartbeating.</summary>
    public int HeartbeatTimeouts { get; private set; }

    public int InvalidSessionCount { get; private set; }

    public IReadOnlyList<int> ServerCloseCodes { get { lock (gate) { return [.. serverCloseCodes]; } } }

    public IReadOnlyList<int?> ClientCloseCodes { get { lock (gate) { return [.. clientCloseCodes]; } } }

    public IReadOnlyList<GatewayConnection> Live { get { lock (gate) { return [.. connections]; } } }

    public IReadOnlyList<GatewaySession> Sessions { get { lock (gate) { return [.. sessions.Values]; } } }

    /// <summary>While set, WebSocket upgrades get 503, as during a gateway outage.</summary>
    public bool Refusing { get; set; }

    public async Task AcceptAsync(HttpContext http)
    {
        if (Refusing)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = 400;
            await http.Response.WriteAsync("The gateway speaks WebSocket: connect with ws:// and ?v=10&encoding=json.", http.RequestAborted);
            return;
        }

        var query = http.Request.Query;
        var compress = query.TryGetValue("compress", out var c) ? c.ToString() : null;
        var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var connection = new GatewayConnection(http, socket, this, compress == "zlib-stream");
        lock (gate)
        {
            connections.Add(connection);
            ConnectionCount++;
        }

        state.Signal.Notify();
        if (query.TryGetValue("v", out var version) && version != "10")
        {
            connection.Close(4012, $"Invalid API version {version}: FakeDiscord speaks v=10");
        }
        else if (query.TryGetValue("encoding", out var encoding) && encoding != "json")
        {
            connection.Close(4002, $"Encoding '{encoding}' is not supported: use encoding=json");
        }

        else if (compress is not (null or "zlib-stream"))
        {
            // Deliberate: Discord also offers zstd-stream, which .NET cannot produce without a native library.
            connection.Close(4002, $"compress={compress} is not supported by FakeDiscord: use compress=zlib-stream or none");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token, http.RequestAborted);
        await connection.RunAsync(linked.Token);
    }

    public GatewaySession? Identify(GatewayConnection connection, JsonObject? d)
    {
        if (!TokenMatches(d?["token"]))
        {
            connection.Close(4004, "Authentication failed");
            return null;
        }

        if (MissingProperty(d!["properties"]) is { } missing)
        {
            connection.Close(4002, $"Decode error: IDENTIFY needs properties {{os, browser, device}} as strings; {missing}");
            return null;
        }

        if (d["intents"] is not JsonValue intentValue || !intentValue.TryGetValue<long>(out var intents) || (intents & ~KnownIntents) != 0)
        {
            connection.Close(4013, "Invalid intent(s): send intents as an integer bitfield of known intents");
            return null;
        }

        if ((intents & PrivilegedIntents & ~state.Options.EnabledPrivilegedIntents) != 0)
        {
            connection.Close(4014, "Disallowed intent(s): a privileged intent is not enabled for this application");
            return null;
        }

        var (shardId, shardCount, hasShard) = (0, 1, false);
        if (d["shard"] is JsonArray shard)
        {
            if (shard.Count != 2 || !shard[0]!.AsValue().TryGetValue(out shardId) || !shard[1]!.AsValue().TryGetValue(out shardCount)
                || shardCount < 1 || shardId < 0 || shardId >= shardCount)
            {
                connection.Close(4010, "Invalid shard: send [shard_id, num_shards] with 0 <= shard_id < num_shards");
                return null;
            }

            hasShard = true;
        }

        var session = new GatewaySession(GatewayFrames.NewSessionId(), shardId, shardCount, (int)intents) { Connection = connection };
        lock (gate)
        {
            // A bot runs one session per shard: a fresh IDENTIFY supersedes the old one.
            foreach (var old in sessions.Values.Where(s => s.ShardId == shardId && s.ShardCount == shardCount))
            {
                old.Invalidate();
            }

            sessions[session.SessionId] = session;
            IdentifyCount++;
        }

        connection.Send(session.Record("READY", GatewayFrames.Ready(state, session, state.ResumeGatewayUrl, hasShard)));
        if ((intents & 1) != 0)
        {
            foreach (var guild in state.Guilds.Where(g => session.Covers(g.Id)))
            {
                connection.Send(session.Record("GUILD_CREATE", GatewayFrames.GuildCreate(state, guild)));
            }
        }

        state.Signal.Notify();
        return session;
    }

    public GatewaySession? Resume(GatewayConnection connection, JsonObject? d)
    {
        if (!TokenMatches(d?["token"]))
        {
            connection.Close(4004, "Authentication failed");
            return null;
        }

        var id = d!["session_id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var seq = d["seq"] is JsonValue q && q.TryGetValue<int>(out var n) ? n : 0;
        GatewaySession? session;
        GatewayConnection? previous;
        lock (gate)
        {
            session = id is null ? null : sessions.GetValueOrDefault(id);
            if (session is null || session.IsInvalidated)
            {
                InvalidSessionCount++;
                connection.Send(GatewayFrames.Op(9, false));
                state.Signal.Notify();
                return null;
            }

            if (seq > session.LastSequence)
            {
                connection.Close(4007, $"Invalid seq {seq}: the session's last sequence is {session.LastSequence}");
                return null;
            }

            previous = session.Connection;
            session.Connection = connection;
            ResumeCount++;
        }

        previous?.Drop();
        foreach (var frame in session.FramesAfter(seq))
        {
            connection.Send(frame);
        }

        connection.Send(session.Record("RESUMED", new JsonObject { ["_trace"] = new JsonArray("fake-discord") }));
        state.Signal.Notify();
        return session;
    }

    public void OnHeartbeat(GatewayConnection connection)
    {
        lock (gate)
        {
            HeartbeatCount++;
        }

        if (!AcksSilenced)
        {
            connection.Send(GatewayFrames.Op(11, null));
        }

        state.Signal.Notify();
    }

    public void OnHeartbeatMissed()
    {
        lock (gate)
        {
            HeartbeatTimeouts++;
        }
    }

    public void OnClientClosed(GatewayConnection connection, int? code)
    {
        lock (gate)
        {
            clientCloseCodes.Add(code);
        }

        // 1000/1001 end the session (the bot shows offline); any other close keeps it resumable.
        if (code is 1000 or 1001)
        {
            connection.Session?.Invalidate();
        }

        state.Signal.Notify();
    }

    public void OnServerClosed(GatewayConnection connection, int code)
    {
        lock (gate)
        {
            serverCloseCodes.Add(code);
        }

        if (code is 4003 or 4004 or 4007 or 4009 or (>= 4010 and <= 4014))
        {
            connection.Session?.Invalidate();
        }

        state.Signal.Notify();
    }

    public void Detach(GatewayConnection connection)
    {
        lock (gate)
        {
            connections.Remove(connection);
            if (connection.Carries is { } session && session.Connection == connection)
            {
                session.Connection = null;
            }
        }

        state.Signal.Notify();
    }

    /// <summary>Numbers the event on every live session of the right shard; a disconnected one keeps it for RESUME.</summary>
    public bool Dispatch(string eventName, JsonNode data, ulong? guildId)
    {
        var delivered = false;
        foreach (var session in Sessions.Where(s => !s.IsInvalidated && s.Covers(guildId)))
        {
            var frame = session.Record(eventName, data.DeepClone());
            session.Connection?.Send(frame);
            delivered = true;
        }

        return delivered;
    }

    /// <summary>A guild event: only sessions of the guild's shard that asked for the GUILDS intent get it.</summary>
    public void DispatchToGuildSessions(string eventName, JsonNode data, ulong guildId)
    {
        foreach (var session in Sessions.Where(s => !s.IsInvalidated && s.Covers(guildId) && (s.Intents & 1) != 0))
        {
            session.Connection?.Send(session.Record(eventName, data.DeepClone()));
        }

        state.Signal.Notify();
    }

    public void InvalidateSession(GatewayConnection connection, bool resumable)
    {
        lock (gate)
        {
            InvalidSessionCount++;
        }

        if (!resumable)
        {
            connection.Session?.Invalidate();
        }

        // Either way the client may IDENTIFY (or RESUME) again, on this socket or a new one.
        connection.ForgetSession();

        connection.Send(GatewayFrames.Op(9, resumable));
        state.Signal.Notify();
    }

    /// <summary>Ends every connection (and any that arrives later) so Kestrel can stop without waiting for sockets.</summary>
    public void Shutdown()
    {
        lifetime.Cancel();
        foreach (var connection in Live)
        {
            connection.Drop();
        }
    }

    public void Dispose()
    {
        Shutdown();
        lifetime.Dispose();
    }

    private static string? MissingProperty(JsonNode? properties)
    {
        if (properties is not JsonObject fields)
        {
            return "properties is missing or not an object";
        }

        var absent = IdentifyProperties
            .Where(name => fields[name] is not JsonValue value || !value.TryGetValue<string>(out _))
            .ToList();
        return absent.Count == 0 ? null : $"missing: {string.Join(", ", absent)}";
    }

    private bool TokenMatches(JsonNode? token) =>
        token is JsonValue value && value.TryGetValue<string>(out var text)
        && (text == state.BotToken || text == "Bot " + state.BotToken);
}

using System.Text.Json.Nodes;

namespace ComfyBot.FakeDiscord.Gateway;

/// <summary>
/// A gateway session: survives its connection so that a RESUME can replay every dispatch the client missed.
/// </summary>
internal sealed class GatewaySession(string sessionId, int shardId, int shardCount, int intents)
{
    private readonly Lock gate = new();
    private readonly List<(int Sequence, string Frame)> dispatched = [];
    private int sequence;

    public string SessionId { get; } = sessionId;

    public int ShardId { get; } = shardId;

    public int ShardCount { get; } = shardCount;

    public int Intents { get; } = intents;

    public bool IsInvalidated { get; private set; }

    public GatewayConnection? Connection { get; set; }

    public int LastSequence
    {
        get
        {
            lock (gate)
            {
                return sequence;
            }
        }
    }

    /// <summary>Numbers and records a dispatch; the returned text is what goes on the wire.</summary>
    public string Record(string eventName, JsonNode data)
    {
        lock (gate)
        {
            var s = ++sequence;
            var frame = new JsonObject { ["op"] = 0, ["t"] = eventName, ["s"] = s, ["d"] = data }.ToJsonString();
            dispatched.Add((s, frame));
            return frame;
        }
    }

    public IReadOnlyList<string> FramesAfter(int seq)
    {
        lock (gate)
        {
            return [.. dispatched.Where(d => d.Sequence > seq).Select(d => d.Frame)];
        }
    }

    public void Invalidate() => IsInvalidated = true;

    /// <summary>Whether a guild's events belong to this session's shard (<c>(guild_id &gt;&gt; 22) % num_shards</c>).</summary>
    public bool Covers(ulong? guildId) => guildId is { } id ? (int)((id >> 22) % (ulong)ShardCount) == ShardId : ShardId == 0;
}

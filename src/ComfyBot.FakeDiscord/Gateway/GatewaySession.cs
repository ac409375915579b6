using System.Text;
using System.Text.Json.Nodes;

namespace ComfyBot.FakeDiscord.Gateway;

/// <summary>
/// A gateway session: survives its connection so that a RESUME can replay every dispatch the client missed.
/// </summary>
internal sealed class GatewaySession(string sessionId, int shardId, int shardCount, int intents)
{
    private readonly Lock gate = new();
    // UTF-8, not the UTF-16 string sent: every INTERACTION_CREATE stays here for a RESUME, and as strings they were
    // 3.2 KB per interaction, the largest thing a 10,000-job soak kept per job (issue 15).
    private readonly List<(int Sequence, byte[] Frame)> dispatched = [];
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
            dispatched.Add((s, Encoding.UTF8.GetBytes(frame)));
            return frame;
        }
    }

    public IReadOnlyList<string> FramesAfter(int seq)
    {
        lock (gate)
        {
            return [.. dispatched.Where(d => d.Sequence > seq).Select(d => Encoding.UTF8.GetString(d.Frame))];
        }
    }

    public void Invalidate() => IsInvalidated = true;

    /// <summary>Whether a guild's events belong to this session's shard (<c>(guild_id &gt;&gt; 22) % num_shards</c>).</summary>
    public bool Covers(ulong? guildId) => guildId is { } id ? (int)((id >> 22) % (ulong)ShardCount) == ShardId : ShardId == 0;
}

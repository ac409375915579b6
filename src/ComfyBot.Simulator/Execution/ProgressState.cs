using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Execution;

/// <summary>
/// The progress_state snapshot of the running prompt (every node that has started or finished, in the
/// order first touched), plus who owns the run and which node is executing, for the reconnect message.
/// </summary>
internal sealed class ProgressState
{
    private readonly Lock _gate = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, Entry> _nodes = new(StringComparer.Ordinal);
    private string _promptId = "";
    private string? _clientId;
    private string? _lastNode;

    public void Begin(string promptId, string? clientId)
    {
        lock (_gate)
        {
            _promptId = promptId;
            _clientId = clientId;
            _lastNode = null;
            _order.Clear();
            _nodes.Clear();
        }
    }

    public void End()
    {
        lock (_gate)
        {
            _lastNode = null;
        }
    }

    /// <summary>The node id for the bare executing{node} a reconnecting owner gets, or null.</summary>
    public string? ReconnectNode(string sid)
    {
        lock (_gate)
        {
            return _clientId == sid ? _lastNode : null;
        }
    }

    public JsonObject Start(string node)
    {
        lock (_gate)
        {
            _lastNode = node;
            Touch(node) = new Entry(0.0, 1.0, "running", false);
            return SnapshotLocked();
        }
    }

    public JsonObject Update(string node, int value, int max)
    {
        lock (_gate)
        {
            Touch(node) = new Entry(value, max, "running", true);
            return SnapshotLocked();
        }
    }

    /// <summary>Marks a node finished with value = max; a node never started (a cached output) reads 1/1.</summary>
    public JsonObject Finish(string node)
    {
        lock (_gate)
        {
            var isNew = !_nodes.ContainsKey(node);
            ref var entry = ref Touch(node);
            entry = isNew ? new Entry(1, 1, "finished", true) : entry with { Value = entry.Max, State = "finished" };
            return SnapshotLocked();
        }
    }

    private ref Entry Touch(string node)
    {
        if (!_nodes.ContainsKey(node))
        {
            _order.Add(node);
            _nodes[node] = default;
        }

        return ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_nodes, node);
    }

    private JsonObject SnapshotLocked()
    {
        var nodes = new JsonObject();
        foreach (var id in _order)
        {
            var e = _nodes[id];
            nodes[id] = new JsonObject
            {
                ["value"] = e.Integral ? JsonValue.Create((long)e.Value) : Validation.PyRepr.FloatNode(e.Value),
                ["max"] = e.Integral ? JsonValue.Create((long)e.Max) : Validation.PyRepr.FloatNode(e.Max),
                ["state"] = e.State,
                ["node_id"] = id,
                ["prompt_id"] = _promptId,
                ["display_node_id"] = id,
                ["parent_node_id"] = null,
                ["real_node_id"] = id,
            };
        }

        return new JsonObject { ["prompt_id"] = _promptId, ["nodes"] = nodes };
    }

    private record struct Entry(double Value, double Max, string State, bool Integral);
}

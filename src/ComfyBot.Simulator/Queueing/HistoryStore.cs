using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Queueing;

/// <summary>In-memory history keyed by prompt id, oldest first, capped like ComfyUI's (10 000 entries).</summary>
internal sealed class HistoryStore
{
    private const int MaxEntries = 10_000;
    private readonly Lock _gate = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, JsonObject> _entries = new(StringComparer.Ordinal);

    public void Write(string promptId, JsonObject entry)
    {
        Sockets.JsonTrees.Materialize(entry);
        lock (_gate)
        {
            if (_entries.ContainsKey(promptId))
            {
                // A reused prompt_id overwrites the entry and, as a Python dict, keeps its position.
                _entries[promptId] = entry;
                return;
            }

            if (_order.Count >= MaxEntries)
            {
                _entries.Remove(_order[0]);
                _order.RemoveAt(0);
            }

            _order.Add(promptId);
            _entries[promptId] = entry;
        }
    }

    /// <summary>GET /history/{id}: {id: entry} or {} when unknown.</summary>
    public JsonObject Get(string promptId)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(promptId, out var entry)
                ? new JsonObject { [promptId] = entry.DeepClone() }
                : [];
        }
    }

    /// <summary>GET /history with ComfyUI's paging: max_items alone gives the newest N, offset counts from the oldest.</summary>
    public JsonObject List(int? maxItems, int offset)
    {
        lock (_gate)
        {
            if (offset < 0 && maxItems is not null)
            {
                offset = _order.Count - maxItems.Value;
            }

            var result = new JsonObject();
            for (var i = 0; i < _order.Count; i++)
            {
                if (i < offset)
                {
                    continue;
                }

                result[_order[i]] = _entries[_order[i]].DeepClone();
                if (maxItems is not null && result.Count >= maxItems.Value)
                {
                    break;
                }
            }

            return result;
        }
    }

    public void Delete(string promptId)
    {
        lock (_gate)
        {
            if (_entries.Remove(promptId))
            {
                _order.Remove(promptId);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _order.Clear();
        }
    }
}

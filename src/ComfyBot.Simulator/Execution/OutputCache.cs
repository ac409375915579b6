namespace ComfyBot.Simulator.Execution;

/// <summary>
/// ComfyUI's "classic" output cache: results by cache key, pruned at the start of each prompt to the keys
/// that prompt uses, so only the previous workflow's results survive.
/// </summary>
internal sealed class OutputCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CachedNode> _entries = new(StringComparer.Ordinal);

    public bool Contains(string key)
    {
        lock (_gate)
        {
            return _entries.ContainsKey(key);
        }
    }

    public bool TryGet(string key, out CachedNode node)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(key, out node!);
        }
    }

    public void Store(string key, CachedNode node)
    {
        lock (_gate)
        {
            _entries[key] = node;
        }
    }

    /// <summary>Drops every entry whose key the new prompt does not use.</summary>
    public void Retain(IEnumerable<string> keys)
    {
        var keep = keys.ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var key in _entries.Keys.Where(k => !keep.Contains(k)).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }
}

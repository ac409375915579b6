using System.Text.Json.Nodes;
using ComfyBot.Simulator.Validation;

namespace ComfyBot.Simulator.Execution;

/// <summary>
/// The order nodes run in, after ComfyUI's ExecutionList: nodes are discovered depth-first from the
/// outputs (cached inputs are not added), and among the ready nodes an output node goes first, then one
/// that feeds an output, then one two links away, otherwise the first discovered. Not a contract, but it
/// reproduces the recorded orders (4, 5, 7, 6, 3, 8, 10, 9 for txt2img).
/// </summary>
internal sealed class ExecutionList
{
    private readonly JsonObject _prompt;
    private readonly Func<string, bool> _isCached;
    private readonly NodeCatalog _catalog;
    private readonly List<string> _pending = [];
    private readonly Dictionary<string, int> _blockCount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _blocking = new(StringComparer.Ordinal);

    public ExecutionList(JsonObject prompt, Func<string, bool> isCached, NodeCatalog catalog)
    {
        _prompt = prompt;
        _isCached = isCached;
        _catalog = catalog;
    }

    public bool IsEmpty => _pending.Count == 0;

    public void AddNode(string id)
    {
        var stack = new Stack<string>([id]);
        var links = new List<(string From, string To)>();
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (_blockCount.ContainsKey(current))
            {
                continue;
            }

            _pending.Add(current);
            _blockCount[current] = 0;
            _blocking[current] = [];
            if (_prompt[current]?["inputs"] is not JsonObject inputs)
            {
                continue;
            }

            foreach (var (_, value) in inputs)
            {
                if (CacheKeys.IsLink(value, out var source, out _) && _prompt.ContainsKey(source))
                {
                    if (!_isCached(source))
                    {
                        stack.Push(source);
                    }

                    links.Add((source, current));
                }
            }
        }

        foreach (var (from, to) in links)
        {
            if (_isCached(from))
            {
                continue;
            }

            AddNode(from);
            if (!_blocking[from].Contains(to))
            {
                _blocking[from].Add(to);
                _blockCount[to]++;
            }
        }
    }

    /// <summary>The node to run next, or null when all are done.</summary>
    public string? Next()
    {
        if (_pending.Count == 0)
        {
            return null;
        }

        var ready = _pending.Where(p => _blockCount[p] == 0).ToList();
        if (ready.Count == 0)
        {
            throw new InvalidOperationException("Dependency cycle between nodes " + string.Join(", ", _pending));
        }

        return ready.FirstOrDefault(IsOutput)
            ?? ready.FirstOrDefault(n => _blocking[n].Any(IsOutput))
            ?? ready.FirstOrDefault(n => _blocking[n].Any(b => _blocking.TryGetValue(b, out var next) && next.Any(IsOutput)))
            ?? ready[0];
    }

    public void Complete(string id)
    {
        _pending.Remove(id);
        foreach (var blocked in _blocking[id])
        {
            _blockCount[blocked]--;
        }
    }

    private bool IsOutput(string id) =>
        _catalog.TryGet(_prompt[id]?["class_type"]?.ToString() ?? "", out var nodeClass) && nodeClass.IsOutputNode;
}

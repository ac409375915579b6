using ComfyBot.Comfy.Events;

namespace ComfyBot.Comfy.Tracking;

/// <summary>
/// How far one run has come: whether the server runs it, the nodes started and cached, the running node's step, the
/// files written so far and the preview to show; and the <see cref="JobRunning"/> snapshot that shows it. Not
/// thread-safe: its run's loop is its only user.
/// </summary>
internal sealed class RunProgress
{
    private readonly HashSet<string> _cached = new(StringComparer.Ordinal);
    private readonly List<string> _started = [];
    private readonly List<OutputFile> _outputs = [];
    private int _step;
    private int _steps;

    /// <summary>The server is running the prompt: an event of its run, or /queue, said so.</summary>
    public bool Running { get; private set; }

    /// <summary>
    /// The node running now (or last). Set on its own, without starting the node, only where the node matters to tell
    /// who sent an image (after the outcome is known).
    /// </summary>
    public string? Node { get; set; }

    /// <summary>The preview to show, held back or released by step.</summary>
    public StepPreviews Previews { get; } = new();

    /// <summary>The files written so far, each once, in the order they were reported.</summary>
    public List<OutputFile> Outputs => [.. _outputs];

    public void MarkRunning() => Running = true;

    /// <summary>Nodes the server took from its cache: they never run, and count as done.</summary>
    public void Cached(IEnumerable<string> nodes)
    {
        Running = true;
        _cached.UnionWith(nodes);
    }

    public void StartNode(string node)
    {
        Running = true;
        Node = node;
        _step = 0;
        _steps = 0;
        if (!_started.Contains(node))
        {
            _started.Add(node);
        }
    }

    /// <summary>A step of the running node (which it starts when another was running); true when the step is to be shown now.</summary>
    public bool Step(string? node, int value, int max)
    {
        if (node is not null && node != Node)
        {
            StartNode(node);
        }

        Running = true;
        _step = value;
        _steps = max;
        return Previews.OnStep();
    }

    public void AddOutputs(IEnumerable<OutputFile> files)
    {
        Running = true;
        foreach (var file in files)
        {
            if (!_outputs.Contains(file))
            {
                _outputs.Add(file);
            }
        }
    }

    public JobRunning Snapshot(string promptId, PromptGraph graph) =>
        new(promptId, Node, graph.TitleOf(Node), _step, _steps, OverallProgress(graph.NodeCount), Previews.Current, [.. _outputs]);

    private double OverallProgress(int total)
    {
        var fraction = _steps > 0 ? Math.Clamp((double)_step / _steps, 0, 1) : 0;
        if (total == 0)
        {
            return fraction;
        }

        // Nodes started before the current one are done; cached ones never run.
        var done = _cached.Count + Math.Max(0, _started.Count - 1);
        return Math.Clamp((done + fraction) / total, 0, 1);
    }
}

namespace ComfyBot.Comfy.Events;

/// <summary><c>progress_state</c>: a snapshot of every node of the prompt that has started.</summary>
/// <remarks>
/// The parser keeps the snapshot as a private copy of its JSON and reads it on the first use of <see cref="Nodes"/>:
/// most consumers never look at it, and reading it was two thirds of the parse time of a recorded run. The copy is
/// the event's own (never the frame buffer), so later frames cannot change it; the parser has already checked its
/// shape, so reading it later does not fail where parsing did not.
/// </remarks>
public sealed record ProgressStateEvent : ComfyEvent
{
    private readonly byte[]? _nodesJson;
    private IReadOnlyList<NodeProgress>? _nodes;

    /// <summary>An event with its nodes already read.</summary>
    /// <param name="PromptId">The prompt.</param>
    /// <param name="Nodes">The started nodes, running or finished.</param>
    public ProgressStateEvent(string PromptId, IReadOnlyList<NodeProgress> Nodes)
        : base(PromptId)
    {
        ArgumentNullException.ThrowIfNull(Nodes);
        _nodes = Nodes;
    }

    /// <summary>An event whose nodes are read from <paramref name="nodesJson"/> (owned by the event) on first use.</summary>
    internal ProgressStateEvent(string promptId, byte[]? nodesJson)
        : base(promptId)
    {
        _nodesJson = nodesJson;
    }

    /// <summary>The started nodes, running or finished.</summary>
    public IReadOnlyList<NodeProgress> Nodes
    {
        get
        {
            var nodes = Volatile.Read(ref _nodes);
            if (nodes is not null)
            {
                return nodes;
            }

            // Two threads may both read the bytes; both lists are equal and the first one stored wins.
            nodes = ProgressStateNodes.Read(_nodesJson);
            return Interlocked.CompareExchange(ref _nodes, nodes, null) ?? nodes;
        }
    }
}

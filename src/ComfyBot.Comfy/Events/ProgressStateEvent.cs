namespace ComfyBot.Comfy.Events;

/// <summary><c>progress_state</c>: a snapshot of every node of the prompt that has started.</summary>
/// <remarks>
/// The parser keeps the snapshot as a private copy of its JSON and reads it on the first use of <see cref="Nodes"/>:
/// most consumers (the job tracker among them) never look at it, and reading it was two thirds of the parse time of a
/// recorded run. The copy is the event's own (never the frame buffer), so later frames cannot change it. What the
/// contract means for a malformed snapshot is on <see cref="Nodes"/>.
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
    /// <remarks>
    /// <para>
    /// The parse contract: everything else in the message is fully checked when the frame is parsed. The snapshot is
    /// only checked for structure then: its strings close, its escapes are whole, no backslash is outside a string,
    /// and its objects and arrays balance. A frame that fails those (truncated, say) fails at parse time with a
    /// <see cref="ComfyProtocolException"/> that says the 'nodes' object is not well-formed, and where.
    /// </para>
    /// <para>
    /// The snapshot's content (a node that is not an object, a value that is not a number, a state that is not a
    /// string, a bad literal or a missing comma) is checked on the first read of this property, which then throws
    /// <see cref="ComfyProtocolException"/>. For a wrong type the message is the one parsing the whole frame gives
    /// (e.g. "Expected a number, got String."); for a JSON syntax fault it is "A progress_state message's nodes are
    /// malformed (...)" with the reader's description, whose positions count from the start of the nodes object (and
    /// which quotes a bad literal up to the end of the nodes object, not of the frame). Each
    /// read throws again; nothing is cached until a read succeeds. An event made with the public constructor never
    /// throws here.
    /// </para>
    /// </remarks>
    /// <exception cref="ComfyProtocolException">The snapshot's content is malformed (see remarks).</exception>
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

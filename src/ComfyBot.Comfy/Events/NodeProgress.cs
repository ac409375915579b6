namespace ComfyBot.Comfy.Events;

/// <summary>One node's entry in a <c>progress_state</c> snapshot.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Value">Progress done.</param>
/// <param name="Max">Progress in total.</param>
/// <param name="State"><c>running</c> or <c>finished</c>.</param>
/// <param name="DisplayNodeId">The node to show in a UI.</param>
public sealed record NodeProgress(string NodeId, double Value, double Max, string State, string? DisplayNodeId)
{
    /// <summary>True when the node has finished.</summary>
    public bool IsFinished => State == "finished";
}

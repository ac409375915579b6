namespace ComfyBot.Comfy.Http;

/// <summary>
/// An output node ComfyUI will not run although it queued the prompt (a 200 answer with <c>node_errors</c>): the
/// node, or a node it depends on, failed validation.
/// </summary>
/// <param name="NodeId">The output node.</param>
/// <param name="ClassType">Its class_type, when the prompt says.</param>
/// <param name="Title">Its <c>_meta.title</c> in the submitted prompt, when it had one.</param>
/// <param name="Reasons">The validation errors that took it out, from this node or the nodes it depends on.</param>
public sealed record SkippedOutput(string NodeId, string? ClassType, string? Title, IReadOnlyList<NodeValidationError> Reasons)
{
    /// <summary>A line a person can read: which output, and why it will not run.</summary>
    public override string ToString()
    {
        var node = Title is null ? $"node {NodeId}" : $"node {NodeId} \"{Title}\"";
        var cls = ClassType is null ? string.Empty : $" ({ClassType})";
        return $"{node}{cls}: {string.Join("; ", Reasons)}";
    }
}

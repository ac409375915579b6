namespace ComfyBot.Comfy.Http;

/// <summary>One problem ComfyUI found with one node of a submitted prompt.</summary>
/// <param name="NodeId">The node's id in the prompt.</param>
/// <param name="ClassType">The node's class_type.</param>
/// <param name="Title">The node's <c>_meta.title</c> in the submitted prompt, when it had one.</param>
/// <param name="ErrorType">ComfyUI's error type, e.g. <c>required_input_missing</c>, <c>value_not_in_list</c>.</param>
/// <param name="Message">ComfyUI's message, e.g. <c>Required input is missing</c>.</param>
/// <param name="Details">ComfyUI's details, e.g. the input name or the rejected value.</param>
/// <param name="InputName">The input the problem is about, when ComfyUI says.</param>
public sealed record NodeValidationError(
    string NodeId,
    string? ClassType,
    string? Title,
    string ErrorType,
    string Message,
    string Details,
    string? InputName)
{
    /// <summary>
    /// The output nodes this error takes out of the run (ComfyUI's <c>dependent_outputs</c>); empty when the server
    /// did not say.
    /// </summary>
    public IReadOnlyList<string> DependentOutputs { get; init; } = [];

    /// <summary>A line a person can read: which node, which input, what is wrong.</summary>
    public override string ToString()
    {
        var node = Title is null ? $"node {NodeId}" : $"node {NodeId} \"{Title}\"";
        var cls = ClassType is null ? string.Empty : $" ({ClassType})";
        var input = InputName is null ? string.Empty : $", input '{InputName}'";
        var details = string.IsNullOrEmpty(Details) ? string.Empty : $": {Details}";
        return $"{node}{cls}{input}: {Message}{details} [{ErrorType}]";
    }
}

namespace ComfyBot.Comfy.Templates;

/// <summary>One reason a server would refuse (or misrun) a workflow, with what to do about it.</summary>
/// <param name="NodeId">The node, or null for a problem with the workflow as a whole.</param>
/// <param name="ClassType">The node's class_type, or null with <paramref name="NodeId"/>.</param>
/// <param name="InputName">The input, or null when the problem is the node's (e.g. an unknown class).</param>
/// <param name="Message">What is wrong, e.g. "steps 20000 is above the maximum 10000".</param>
/// <param name="Fix">A suggested fix, e.g. "use a value from 1 to 10000".</param>
public sealed record WorkflowProblem(string? NodeId, string? ClassType, string? InputName, string Message, string Fix)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = NodeId is null ? "workflow" : $"node {NodeId} ({ClassType})";
        if (InputName is not null)
        {
            where += $" input '{InputName}'";
        }

        return $"{where}: {Message}. Fix: {Fix}";
    }
}

namespace ComfyBot.Comfy.Templates;

/// <summary>
/// A workflow or its binding configuration cannot be used as a template. The message says what is wrong, where (node id,
/// input) and how to fix it.
/// </summary>
public sealed class WorkflowTemplateException : Exception
{
    /// <summary>Creates the exception with a message only.</summary>
    public WorkflowTemplateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WorkflowTemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public WorkflowTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem at one node (and optionally one of its inputs).</summary>
    public WorkflowTemplateException(string message, string? nodeId, string? inputName)
        : base(message)
    {
        NodeId = nodeId;
        InputName = inputName;
    }

    /// <summary>The node the problem is at, when it is at one.</summary>
    public string? NodeId { get; }

    /// <summary>The input the problem is at, when it is at one.</summary>
    public string? InputName { get; }
}

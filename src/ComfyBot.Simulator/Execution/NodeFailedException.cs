namespace ComfyBot.Simulator.Execution;

/// <summary>A node raising at run time: becomes execution_error with this Python type and message.</summary>
internal sealed class NodeFailedException : Exception
{
    public NodeFailedException(string pythonType, string message)
        : base(message)
    {
        PythonType = pythonType;
    }

    public NodeFailedException()
        : this("RuntimeError", "node failed")
    {
    }

    public NodeFailedException(string message)
        : this("RuntimeError", message)
    {
    }

    public NodeFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        PythonType = "RuntimeError";
    }

    public string PythonType { get; } = "RuntimeError";
}

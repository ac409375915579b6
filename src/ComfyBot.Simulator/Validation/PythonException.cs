namespace ComfyBot.Simulator.Validation;

/// <summary>
/// An error the real server would raise as a Python exception (KeyError, IndexError, ValueError ...),
/// carried with the type name and traceback lines ComfyUI puts into its error bodies.
/// </summary>
internal sealed class PythonException : Exception
{
    public PythonException(string pythonType, string pythonMessage, IReadOnlyList<string> traceback)
        : base($"{pythonType}: {pythonMessage}")
    {
        PythonType = pythonType;
        PythonMessage = pythonMessage;
        Traceback = traceback;
    }

    public PythonException()
        : this("Exception", "", [])
    {
    }

    public PythonException(string message)
        : this("Exception", message, [])
    {
    }

    public PythonException(string message, Exception innerException)
        : base(message, innerException)
    {
        PythonType = "Exception";
        PythonMessage = message;
        Traceback = [];
    }

    public string PythonType { get; } = "Exception";

    /// <summary>str(exception), e.g. "'99'" for a KeyError.</summary>
    public string PythonMessage { get; } = "";

    public IReadOnlyList<string> Traceback { get; } = [];
}

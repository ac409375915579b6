namespace ComfyBot.Comfy.Events;

/// <summary><c>execution_error</c>: a node raised an exception while running.</summary>
/// <param name="PromptId">The prompt.</param>
/// <param name="NodeId">The failing node.</param>
/// <param name="NodeType">The failing node's class_type.</param>
/// <param name="ExceptionType">The Python exception type, e.g. <c>RuntimeError</c>.</param>
/// <param name="ExceptionMessage">The exception message.</param>
/// <param name="Executed">Nodes that had finished before the failure.</param>
/// <param name="Traceback">The Python traceback lines.</param>
/// <param name="Timestamp">Server time in milliseconds since the epoch; absent for cycle and blocker errors.</param>
public sealed record ExecutionErrorEvent(
    string PromptId,
    string? NodeId,
    string? NodeType,
    string? ExceptionType,
    string? ExceptionMessage,
    IReadOnlyList<string> Executed,
    IReadOnlyList<string> Traceback,
    long? Timestamp) : ComfyEvent(PromptId)
{
    /// <summary>
    /// False for an ExecutionBlocker message (no timestamp, type <c>ExecutionBlocked</c>): the run goes on and
    /// may still succeed.
    /// </summary>
    public bool IsFatal => Timestamp is not null || ExceptionType != "ExecutionBlocked";
}

namespace ComfyBot.Simulator.Execution;

/// <summary>comfy.model_management.InterruptProcessingException: the run stops with execution_interrupted.</summary>
internal sealed class ExecutionInterruptedException : Exception
{
    public ExecutionInterruptedException()
        : base("Processing interrupted")
    {
    }

    public ExecutionInterruptedException(string message)
        : base(message)
    {
    }

    public ExecutionInterruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace ComfyBot.Comfy.Http;

/// <summary>
/// A call to ComfyUI failed in transit (connection refused or reset, timeout, 5xx) on every allowed attempt.
/// For POST /prompt it means the client could not find out whether the prompt was queued.
/// </summary>
public sealed class ComfyUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ComfyUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ComfyUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the last failure.</summary>
    public ComfyUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

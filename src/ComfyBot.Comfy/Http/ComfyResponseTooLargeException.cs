namespace ComfyBot.Comfy.Http;

/// <summary>
/// ComfyUI sent more than the client accepts for one answer, file or WebSocket message: a broken or hostile server. The
/// read stopped at the cap, so memory stays bounded; the message names what was read, the cap and the option to raise.
/// </summary>
public sealed class ComfyResponseTooLargeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ComfyResponseTooLargeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ComfyResponseTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public ComfyResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one answer over its cap.</summary>
    /// <param name="what">What was being read, e.g. <c>GET /view ComfyUI_00001_.png</c>.</param>
    /// <param name="limit">The cap in bytes.</param>
    /// <param name="option">The setting that raises the cap.</param>
    public ComfyResponseTooLargeException(string what, long limit, string option)
        : base($"ComfyUI sent more than {limit} bytes for {what}; the read was stopped there. The server is broken or not ComfyUI; if such answers are expected, raise {option}.")
    {
        Limit = limit;
    }

    /// <summary>The cap that was reached, in bytes.</summary>
    public long Limit { get; }
}

namespace ComfyBot.Comfy.Events;

/// <summary>A frame or response from ComfyUI did not have the shape the protocol defines.</summary>
public sealed class ComfyProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ComfyProtocolException()
    {
    }

    /// <summary>Creates the exception with a message saying what was wrong and where.</summary>
    public ComfyProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public ComfyProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace ComfyBot.Discord.Interactions;

/// <summary>An interaction payload is not valid JSON or lacks a field every interaction has.</summary>
public sealed class InteractionFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public InteractionFormatException()
    {
    }

    /// <summary>Creates the exception with a message saying what was wrong and where.</summary>
    public InteractionFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InteractionFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

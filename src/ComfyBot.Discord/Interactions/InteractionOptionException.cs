namespace ComfyBot.Discord.Interactions;

/// <summary>An option was read as a type it does not have (a bug in the command's handler or definition).</summary>
public sealed class InteractionOptionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InteractionOptionException()
    {
    }

    /// <summary>Creates the exception with a message naming the option and the fix.</summary>
    public InteractionOptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InteractionOptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace ComfyBot.Core.Store;

/// <summary>The store file cannot be used by this build: its schema is newer than the code knows, or it is not a job store.</summary>
public sealed class JobStoreSchemaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JobStoreSchemaException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public JobStoreSchemaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public JobStoreSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

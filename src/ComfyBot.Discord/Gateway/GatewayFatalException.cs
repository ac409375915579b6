namespace ComfyBot.Discord.Gateway;

/// <summary>The gateway refused the connection for a reason retrying cannot fix (bad token, intents, shards, version).</summary>
public sealed class GatewayFatalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GatewayFatalException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GatewayFatalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public GatewayFatalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a close code, with its meaning and the fix.</summary>
    public GatewayFatalException(int closeCode, int shardId, string description)
        : base($"Discord gateway shard {shardId} closed with {description}")
    {
        CloseCode = closeCode;
        ShardId = shardId;
    }

    /// <summary>The close code Discord sent.</summary>
    public int CloseCode { get; }

    /// <summary>The shard that received it.</summary>
    public int ShardId { get; }
}

namespace ComfyBot.Discord.Gateway;

/// <summary>What <see cref="IGatewayTransport.ReceiveAsync"/> got: a message, or the server's close.</summary>
/// <param name="IsClose">True when the server closed the connection.</param>
/// <param name="CloseCode">The close code, or null when the connection ended without one.</param>
/// <param name="CloseReason">The close reason text, if any.</param>
public readonly record struct GatewayReceiveResult(bool IsClose, int? CloseCode, string? CloseReason)
{
    /// <summary>A complete message was written to the destination.</summary>
    public static GatewayReceiveResult Message { get; } = new(false, null, null);

    /// <summary>The server closed the connection.</summary>
    public static GatewayReceiveResult Closed(int? closeCode, string? reason) => new(true, closeCode, reason);
}

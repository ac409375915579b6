namespace ComfyBot.Discord.HttpInteractions;

/// <summary>
/// Settings of the HTTP interactions endpoint. The host binds them from its own configuration section;
/// <see cref="HttpInteractionsOptionsValidator"/> names each problem by its property.
/// </summary>
public sealed class HttpInteractionsOptions
{
    /// <summary>The application's public key from the developer portal (64 hex digits); signatures are checked with it.</summary>
    public string PublicKey { get; set; } = string.Empty;

    /// <summary>Requests whose signed timestamp is older (or further in the future) than this are refused with 401.</summary>
    /// <value>Default: 5 minutes.</value>
    public TimeSpan MaxTimestampAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the endpoint waits for the handler to acknowledge before giving up; under Discord's 3 s.</summary>
    /// <value>Default: 2.5 s.</value>
    public TimeSpan AcknowledgementTimeout { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>Larger request bodies are refused with 413; interactions are a few KB.</summary>
    /// <value>Default: 1 MiB.</value>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// A request whose whole body has not arrived within this time is refused with 408: before its signature is checked a
    /// sender is unknown, and a body sent a few bytes at a time would otherwise hold a connection and its buffer.
    /// </summary>
    /// <value>Default: 10 s.</value>
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether <paramref name="hex"/> (64 hex digits) is an Ed25519 public key: a point on the curve. About half of all
    /// 32-byte values are not, and a mistyped or wrong value would otherwise pass a length check and fail at the first
    /// request.
    /// </summary>
    public static bool IsPublicKey(string hex)
    {
        try
        {
            _ = new Ed25519SignatureVerifier(hex);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

using System.Globalization;

namespace ComfyBot.Discord.HttpInteractions;

/// <summary>Settings of the HTTP interactions endpoint. Bound from <see cref="SectionName"/>.</summary>
public sealed class HttpInteractionsOptions
{
    /// <summary>The configuration section (env: <c>ComfyBot__Discord__Interactions__PublicKey</c>, ...).</summary>
    public const string SectionName = "ComfyBot:Discord:Interactions";

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

    /// <summary>Every problem with these options, each naming the key and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var key = PublicKey?.Trim() ?? string.Empty;
        if (key.Length != 64 || !key.All(char.IsAsciiHexDigit))
        {
            errors.Add($"{SectionName}:PublicKey must be the 64 hex digits of the app's Public Key (developer portal, General Information); it has {key.Length} characters{(key.All(char.IsAsciiHexDigit) ? string.Empty : " and non-hex characters")}.");
        }
        else if (!IsPublicKey(key))
        {
            errors.Add($"{SectionName}:PublicKey is 64 hex digits but not an Ed25519 public key, so no signature could ever be checked; copy the Public Key again from the developer portal (General Information), not the client secret or another id.");
        }

        if (MaxTimestampAge < TimeSpan.FromSeconds(5))
        {
            errors.Add($"{SectionName}:MaxTimestampAge is {MaxTimestampAge}; set at least 00:00:05 (default 00:05:00).");
        }

        if (AcknowledgementTimeout <= TimeSpan.Zero || AcknowledgementTimeout >= TimeSpan.FromSeconds(3))
        {
            errors.Add($"{SectionName}:AcknowledgementTimeout is {AcknowledgementTimeout}; it must be above zero and under Discord's 3 s (default 00:00:02.5).");
        }

        if (BodyReadTimeout < TimeSpan.FromSeconds(1) || BodyReadTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{SectionName}:BodyReadTimeout is {BodyReadTimeout}; set it between 00:00:01 and 00:05:00 (default 00:00:10).");
        }

        if (MaxBodyBytes < 1024)
        {
            errors.Add($"{SectionName}:MaxBodyBytes is {MaxBodyBytes.ToString(CultureInfo.InvariantCulture)}; set at least 1024 (default 1048576).");
        }

        return errors;
    }
}

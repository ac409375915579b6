using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace ComfyBot.Discord.HttpInteractions;

/// <summary>
/// Checks Discord's request signature: Ed25519 over UTF-8(timestamp) followed by the raw body. Any malformed
/// input is simply "not verified": a forged request must end in 401, never in an exception.
/// </summary>
internal sealed class Ed25519SignatureVerifier
{
    private const int SignatureBytes = 64;
    private const int MaxTimestampChars = 32;

    private readonly Ed25519PublicKeyParameters _publicKey;

    /// <exception cref="ArgumentException">The key is not 64 hex digits (32 bytes).</exception>
    public Ed25519SignatureVerifier(string publicKeyHex)
    {
        byte[] key;
        try
        {
            key = Convert.FromHexString(publicKeyHex?.Trim() ?? string.Empty);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("PublicKey is not hex; copy the Public Key from the developer portal.", nameof(publicKeyHex), ex);
        }

        if (key.Length != Ed25519PublicKeyParameters.KeySize)
        {
            throw new ArgumentException($"PublicKey has {key.Length} bytes; an Ed25519 public key has 32 (64 hex digits).", nameof(publicKeyHex));
        }

        _publicKey = new Ed25519PublicKeyParameters(key, 0);
    }

    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (signatureHex is null || signatureHex.Length != SignatureBytes * 2
            || string.IsNullOrEmpty(timestamp) || timestamp.Length > MaxTimestampChars)
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[SignatureBytes];
        if (Convert.FromHexString(signatureHex, signature, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != SignatureBytes)
        {
            return false;
        }

        Span<byte> timestampBytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(timestamp.Length)];
        var timestampLength = Encoding.UTF8.GetBytes(timestamp, timestampBytes);

        // Ed25519Signer keeps per-message state, so each request gets its own.
        var signer = new Ed25519Signer();
        signer.Init(false, _publicKey);
        signer.BlockUpdate(timestampBytes[..timestampLength]);
        signer.BlockUpdate(body);
        return signer.VerifySignature(signature.ToArray());
    }
}

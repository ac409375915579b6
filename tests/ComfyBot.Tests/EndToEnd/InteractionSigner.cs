using System.Globalization;
using System.Text;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Signs interaction bodies as Discord does for an HTTP interactions endpoint (Ed25519 over timestamp + body).</summary>
internal sealed class InteractionSigner
{
    private readonly Ed25519PrivateKeyParameters _privateKey;

    public InteractionSigner()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        _privateKey = (Ed25519PrivateKeyParameters)pair.Private;
        PublicKeyHex = Convert.ToHexString(((Ed25519PublicKeyParameters)pair.Public).GetEncoded()).ToLowerInvariant();
    }

    /// <summary>The public key as the developer portal shows it (64 hex digits).</summary>
    public string PublicKeyHex { get; }

    /// <summary>Posts <paramref name="body"/> to <paramref name="endpoint"/> with a valid signature and the current timestamp.</summary>
    public async Task<HttpResponseMessage> PostAsync(HttpClient http, Uri endpoint, string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var signer = new Ed25519Signer();
        signer.Init(forSigning: true, _privateKey);
        var message = Encoding.UTF8.GetBytes(timestamp).Concat(bytes).ToArray();
        signer.BlockUpdate(message, 0, message.Length);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", Convert.ToHexString(signer.GenerateSignature()).ToLowerInvariant());
        request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", timestamp);
        return await http.SendAsync(request);
    }
}

using System.Net;
using System.Text;
using ComfyBot.Discord.HttpInteractions;
using ComfyBot.Discord.Interactions;
using ComfyBot.Discord.Tests.Gateway;
using ComfyBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace ComfyBot.Discord.Tests.HttpInteractions;

/// <summary>A real Kestrel app on 127.0.0.1:0 with the endpoint mapped, a test key pair, and a client that signs like Discord.</summary>
internal sealed class InteractionsEndpointServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Ed25519PrivateKeyParameters _privateKey;

    private InteractionsEndpointServer(WebApplication app, Ed25519PrivateKeyParameters privateKey, TimerWatchingClock time)
    {
        _app = app;
        _privateKey = privateKey;
        Time = time;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public HttpClient Client { get; }

    public TimerWatchingClock Time { get; }

    public static async Task<InteractionsEndpointServer> StartAsync(IInteractionHandler handler)
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var publicKeyHex = Convert.ToHexString(((Ed25519PublicKeyParameters)pair.Public).GetEncoded()).ToLowerInvariant();
        var time = new TimerWatchingClock();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(handler);
        builder.Services.AddDiscordHttpInteractions().Configure(options => options.PublicKey = publicKeyHex);
        var app = builder.Build();
        app.MapDiscordInteractions("/discord/interactions");
        await app.StartAsync();
        return new InteractionsEndpointServer(app, (Ed25519PrivateKeyParameters)pair.Private, time);
    }

    /// <summary>Unix seconds of the fake clock: a fresh timestamp.</summary>
    public string Now => Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string Sign(string timestamp, byte[] body)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _privateKey);
        var message = Encoding.UTF8.GetBytes(timestamp).Concat(body).ToArray();
        signer.BlockUpdate(message, 0, message.Length);
        return Convert.ToHexString(signer.GenerateSignature()).ToLowerInvariant();
    }

    public async Task<HttpResponseMessage> PostAsync(byte[] body, string? signature, string? timestamp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", signature);
        }

        if (timestamp is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", timestamp);
        }

        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostSignedAsync(byte[] body)
    {
        var timestamp = Now;
        return PostAsync(body, Sign(timestamp, body), timestamp);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

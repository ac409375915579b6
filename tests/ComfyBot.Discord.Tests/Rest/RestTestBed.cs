using System.Diagnostics.Metrics;
using ComfyBot.Discord.Rest;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Discord.Tests.Rest;

/// <summary>A client wired to a scripted handler and a fake clock.</summary>
internal sealed class RestTestBed : IDisposable
{
    public const string Token = "test-bot-token";
    public const string InteractionToken = "aW50ZXJhY3Rpb24tdG9rZW4";

    public RestTestBed(Action<DiscordRestOptions>? configure = null, ILogger<DiscordRestClient>? logger = null, IMeterFactory? meters = null)
    {
        var options = new DiscordRestOptions
        {
            Token = Token,
            BaseAddress = new Uri("http://discord.test/api/v10"),
            ServerErrorBaseDelay = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        Http = new HttpClient(Handler);
        Client = new DiscordRestClient(Http, options, Time, logger ?? NullLogger<DiscordRestClient>.Instance, meters);
    }

    public ScriptedDiscordHandler Handler { get; } = new();

    public TimerWatchingClock Time { get; } = new();

    public HttpClient Http { get; }

    public DiscordRestClient Client { get; }

    public void Dispose() => Http.Dispose();
}

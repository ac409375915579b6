using System.Net;
using ComfyBot.FakeDiscord.Commands;
using ComfyBot.FakeDiscord.Contracts;
using ComfyBot.FakeDiscord.Control;
using ComfyBot.FakeDiscord.Gateway;
using ComfyBot.FakeDiscord.Guilds;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;
using ComfyBot.FakeDiscord.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComfyBot.FakeDiscord;

/// <summary>
/// A loopback Discord: gateway v10 (JSON) and the REST routes a bot uses, with state, limits, rate limits and
/// a contract check of every body against Discord's OpenAPI. Start one per test; instances share nothing.
/// </summary>
public sealed partial class FakeDiscordServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly FakeDiscordState state;
    private readonly GatewayHub hub;
    private readonly InteractionFactory interactions;
    private int disposed;

    private FakeDiscordServer(WebApplication app, FakeDiscordState state, GatewayHub hub, int port)
    {
        this.app = app;
        this.state = state;
        this.hub = hub;
        Port = port;
        Gateway = new FakeGateway(hub);
        interactions = new InteractionFactory(state.Options, () => state.Guilds, state.Snowflakes, state.Messages, state.Commands.FindId);
    }

    /// <summary>The port Kestrel listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>REST base with a trailing slash, e.g. <c>http://127.0.0.1:5005/api/v10/</c>; fit for <c>HttpClient.BaseAddress</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}{RestPipeline.ApiPrefix}/");

    /// <summary>The gateway URL that GET /gateway/bot returns (append <c>?v=10&amp;encoding=json</c>).</summary>
    public Uri GatewayUrl => state.GatewayUrl;

    /// <summary>The <c>resume_gateway_url</c> READY carries; a different path so tests see where a client resumed.</summary>
    public Uri ResumeGatewayUrl => state.ResumeGatewayUrl;

    /// <summary>The bot token the fake accepts (without "Bot "). Treat it like a secret in logs.</summary>
    public string BotToken => state.BotToken;

    /// <summary>Application id (and bot user id).</summary>
    public ulong ApplicationId => state.Options.ApplicationId;

    /// <summary>The bot user returned by GET /users/@me and in READY.</summary>
    public FakeUser BotUser => state.BotUser;

    /// <summary>The guilds the bot is in (the configured ones, or the default one).</summary>
    public IReadOnlyList<FakeGuild> Guilds => state.Guilds;

    /// <summary>The gateway: counters, waits and scripted faults.</summary>
    public FakeGateway Gateway { get; }

    /// <summary>Starts a server on 127.0.0.1 (port from the options, 0 = any free port).</summary>
    public static async Task<FakeDiscordServer> StartAsync(FakeDiscordOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeDiscordOptions();
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("Invalid FakeDiscordOptions: " + string.Join(" ", problems), nameof(options));
        }

        var state = new FakeDiscordState(options, OpenApiContract.Embedded);
        var hub = new GatewayHub(state);
        var routes = new RouteTable();
        new IdentityRoutes(state, () => hub.IdentifyCount).Register(routes);
        new CallbackRoute(state).Register(routes);
        new WebhookRoutes(state).Register(routes);
        new ChannelMessageRoutes(state).Register(routes);
        new CommandRoutes(state).Register(routes);
        new GuildRoutes(state).Register(routes);
        new ReactionRoutes(state).Register(routes);
        var pipeline = new RestPipeline(state, routes);
        var control = new ControlApi(state);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeDiscordServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The fake runs inside other hosts' test folders: their appsettings.json (a "Kestrel" section) or
        // ASPNETCORE_* variables must not add endpoints or change behaviour. Options are the only input.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = RequestBodyReader.MaxRequestBytes;
        });
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(http => http.Request.Path.StartsWithSegments("/gateway") || http.Request.Path.StartsWithSegments("/gateway-resume")
            ? hub.AcceptAsync(http)
            : http.Request.Path.StartsWithSegments(ControlApi.Prefix) ? control.HandleAsync(http) : pipeline.HandleAsync(http));

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            hub.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        state.GatewayUrl = new Uri($"ws://127.0.0.1:{port}/gateway");
        state.ResumeGatewayUrl = new Uri($"ws://127.0.0.1:{port}/gateway-resume");
        state.Messages.Root = new Uri($"http://127.0.0.1:{port}/");
        var server = new FakeDiscordServer(app, state, hub, port);
        control.Server = server;
        return server;
    }

    /// <summary>Closes every gateway connection and stops Kestrel.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        // WebSocket handlers run until their socket ends; dropping them first lets Kestrel stop at once.
        hub.Shutdown();
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        hub.Dispose();
    }
}

using System.Net;
using ComfyBot.FakeDiscord.Commands;
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
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComfyBot.FakeDiscord;

/// <summary>
/// Serves one fake Discord on loopback: Kestrel with the REST routes, the gateway's WebSocket paths and the
/// control API behind one request delegate, and the addresses clients learn (REST, gateway, resume, attachments)
/// once the port is known. Stops the gateway's sockets first so that Kestrel can stop at once.
/// </summary>
internal sealed class FakeDiscordHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly GatewayHub hub;

    private FakeDiscordHost(WebApplication app, GatewayHub hub, int port)
    {
        this.app = app;
        this.hub = hub;
        Port = port;
    }

    /// <summary>The port Kestrel listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Listens on the options' port (0: any free one) and sets the state's addresses; the host owns <paramref name="hub"/> from here on.</summary>
    public static async Task<FakeDiscordHost> StartAsync(FakeDiscordState state, GatewayHub hub, ControlApi control, CancellationToken cancellationToken)
    {
        var pipeline = new RestPipeline(state, Routes(state, hub));
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
            kestrel.Listen(IPAddress.Loopback, state.Options.Port);
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
        return new FakeDiscordHost(app, hub, port);
    }

    public async ValueTask DisposeAsync()
    {
        // WebSocket handlers run until their socket ends; dropping them first lets Kestrel stop at once.
        hub.Shutdown();
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        hub.Dispose();
    }

    /// <summary>Every REST operation the fake implements, by area.</summary>
    private static RouteTable Routes(FakeDiscordState state, GatewayHub hub)
    {
        var routes = new RouteTable();
        new IdentityRoutes(state, () => hub.IdentifyCount).Register(routes);
        new CallbackRoute(state).Register(routes);
        new WebhookRoutes(state).Register(routes);
        new ChannelMessageRoutes(state).Register(routes);
        new CommandRoutes(state).Register(routes);
        new GuildRoutes(state).Register(routes);
        new ReactionRoutes(state).Register(routes);
        return routes;
    }
}

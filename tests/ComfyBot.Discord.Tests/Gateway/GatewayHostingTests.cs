using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.Interactions;
using ComfyBot.Discord.Tests.Interactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moq;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Discord.Tests.Gateway;

/// <summary>AddDiscordGateway in a real host: options checked at start, and a real socket from HELLO to an interaction.</summary>
public sealed class GatewayHostingTests
{

    [Fact]
    public async Task MissingToken_FailsAtStartup_NamingTheKey()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Mock.Of<IGatewayBotSource>());
        builder.Services.AddDiscordGateway();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Token is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostedGateway_OverRealWebSocket_IdentifiesAndDeliversInteractionToHandler()
    {
        var identified = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StartGatewayServerAsync(async socket =>
        {
            await SendAsync(socket, GatewayFrames.Hello(45000));
            var buffer = new byte[4096];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                using var payload = JsonDocument.Parse(buffer.AsMemory(0, received.Count));
                if (payload.RootElement.GetProperty("op").GetInt32() == 2)
                {
                    identified.SetResult(payload.RootElement.Clone());
                    break;
                }
            }

            await SendAsync(socket, GatewayFrames.Ready(1));
            await SendAsync(socket, Encoding.UTF8.GetString(InteractionFixtures.CommandFrame()));
            await socket.ReceiveAsync(buffer, CancellationToken.None); // until the client closes
        });
        var handler = new AcknowledgingHandler();
        var source = new Mock<IGatewayBotSource>();
        source.Setup(s => s.GetGatewayBotAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GatewayBotInfo(server.Url, 1, new SessionStartLimit(1000, 1000, 0, 1)));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ComfyBot:Discord:Token"] = GatewayHarness.Token, ["ComfyBot:Discord:Intents"] = "Guilds" });
        builder.Services.AddSingleton(source.Object);
        builder.Services.AddSingleton<IInteractionHandler>(handler);
        builder.Services.AddDiscordGateway().BindConfiguration("ComfyBot:Discord");
        using var host = builder.Build();

        await host.StartAsync();
        var identify = await identified.Task.WaitAsync(HangGuard);
        var context = await handler.Received.Task.WaitAsync(HangGuard);
        await host.StopAsync();

        Assert.Equal(GatewayHarness.Token, identify.GetProperty("d").GetProperty("token").GetString());
        Assert.Equal("imagine", context.Interaction.Command!.Name);
        Assert.Equal(InteractionSource.Gateway, context.Source);
        Assert.Equal(Snowflake.Parse(GatewayFrames.ApplicationId), host.Services.GetRequiredService<GatewayClient>().ApplicationId);
    }

    private static Task SendAsync(WebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<GatewayServer> StartGatewayServerAsync(Func<WebSocket, Task> session)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/", async (HttpContext context) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            try
            {
                await session(socket);
            }
            catch (WebSocketException)
            {
                // The client went away; that ends the session either way.
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayServer(app, address.Replace("http://", "ws://", StringComparison.Ordinal));
    }

    private sealed class GatewayServer(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

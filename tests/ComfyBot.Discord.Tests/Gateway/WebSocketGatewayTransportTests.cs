using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using ComfyBot.Discord.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Discord.Tests.Gateway;

/// <summary>The ClientWebSocket transport against a real WebSocket server on loopback.</summary>
public sealed class WebSocketGatewayTransportTests
{

    [Fact]
    public async Task FragmentedMessage_IsReceivedWhole_SendsArrive_AndServerCloseCodeIsReported()
    {
        var serverReceived = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await StartServerAsync(async socket =>
        {
            await socket.SendAsync("{\"op\":10,"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);
            await socket.SendAsync("\"d\":{\"heartbeat_interval\":41250}}"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            var buffer = new byte[1024];
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            serverReceived.SetResult(Encoding.UTF8.GetString(buffer, 0, received.Count));
            await socket.CloseAsync((WebSocketCloseStatus)4004, "Authentication failed.", CancellationToken.None);
        });
        await using var transport = new WebSocketGatewayTransport(TimeProvider.System);
        using var guard = new CancellationTokenSource(HangGuard);

        await transport.ConnectAsync(app.Url, guard.Token);
        var message = new ArrayBufferWriter<byte>();
        var first = await transport.ReceiveAsync(message, guard.Token);
        await transport.SendAsync("{\"op\":2}"u8.ToArray(), guard.Token);
        var close = await transport.ReceiveAsync(new ArrayBufferWriter<byte>(), guard.Token);

        Assert.False(first.IsClose);
        Assert.Equal("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}", Encoding.UTF8.GetString(message.WrittenSpan));
        Assert.Equal("{\"op\":2}", await serverReceived.Task.WaitAsync(HangGuard));
        Assert.True(close.IsClose);
        Assert.Equal(4004, close.CloseCode);
    }

    [Fact]
    public async Task CloseAsync_SendsOurCloseCode()
    {
        var serverSaw = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await StartServerAsync(async socket =>
        {
            var received = await socket.ReceiveAsync(new byte[64], CancellationToken.None);
            serverSaw.SetResult(received.MessageType == WebSocketMessageType.Close ? (int?)socket.CloseStatus : null);
        });
        await using var transport = new WebSocketGatewayTransport(TimeProvider.System);
        using var guard = new CancellationTokenSource(HangGuard);

        await transport.ConnectAsync(app.Url, guard.Token);
        await transport.CloseAsync(4000, "zombie", guard.Token);

        Assert.Equal(4000, await serverSaw.Task.WaitAsync(HangGuard));
    }

    private static async Task<Server> StartServerAsync(Func<WebSocket, Task> session)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/gateway", async (HttpContext context) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await session(socket);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Server(app, new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway?v=10&encoding=json"));
    }

    private sealed class Server(WebApplication app, Uri url) : IAsyncDisposable
    {
        public Uri Url { get; } = url;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

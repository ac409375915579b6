using System.Net.WebSockets;
using System.Text;
using ComfyBot.Comfy.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Comfy.Tests.Streaming;

/// <summary>A WebSocket message that never ends is cut at MaxMessageBytes: the connection is dropped and opened again.</summary>
public sealed class EndlessMessageTests
{

    [Fact]
    public async Task AnEndlessMessage_IsCutAtTheCap_AndTheStreamReconnects()
    {
        var connections = 0;
        using var stopping = new CancellationTokenSource();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.UseWebSockets();
        app.Map("/ws", async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            if (Interlocked.Increment(ref connections) > 1)
            {
                second.TrySetResult();
                await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"status","data":{"status":{"exec_info":{"queue_remaining":0}},"sid":"c"}}"""), WebSocketMessageType.Text, true, context.RequestAborted);
                await Task.Delay(HangGuard, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"status","data":{"status":{"exec_info":{"queue_remaining":0}},"sid":"c"}}"""), WebSocketMessageType.Text, true, context.RequestAborted);
            // One binary message that does not end: 64 MiB at most here, so an unbounded client would only wait.
            var chunk = new byte[64 * 1024];
            try
            {
                for (var sent = 0; sent < 1024; sent++)
                {
                    await socket.SendAsync(chunk, WebSocketMessageType.Binary, endOfMessage: false, context.RequestAborted);
                }

                await Task.Delay(HangGuard, stopping.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                // The client dropped the connection: what the cap is for.
            }
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        await using var events = new ComfyEventStream(
            address,
            "c",
            new ComfyEventStreamOptions { MaxMessageBytes = 256 * 1024, ReconnectInitialDelay = TimeSpan.FromMilliseconds(50), ReconnectMaxDelay = TimeSpan.FromMilliseconds(100) },
            TimeProvider.System,
            NullLogger<ComfyEventStream>.Instance);
        await events.StartAsync().WaitAsync(HangGuard);

        await second.Task.WaitAsync(HangGuard);
        Assert.True(Volatile.Read(ref connections) >= 2);
        await stopping.CancelAsync();
        await app.StopAsync();
    }
}

using System.Net.WebSockets;
using System.Text;
using ComfyBot.Core.Backends;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Backends;

/// <summary>Issue 11, item 10: a server whose WebSocket message never ends is not only cut off, it is marked faulty.</summary>
public sealed class EndlessMessageFaultTests
{
    [Fact]
    public async Task A_server_that_sends_an_endless_websocket_message_is_marked_faulty_with_the_reason()
    {
        using var stopping = new CancellationTokenSource();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.UseWebSockets();
        app.Map("/ws", async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"status","data":{"status":{"exec_info":{"queue_remaining":0}},"sid":"c"}}"""), WebSocketMessageType.Text, true, context.RequestAborted);
            var chunk = new byte[16 * 1024];
            try
            {
                // 16 MiB at most, far past the 64 KiB cap below: an unbounded client would only wait.
                for (var sent = 0; sent < 1024; sent++)
                {
                    await socket.SendAsync(chunk, WebSocketMessageType.Binary, endOfMessage: false, context.RequestAborted);
                }

                await Task.Delay(BackendRig.HangGuard, stopping.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                // The client dropped the connection at its cap.
            }
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var options = BackendRig.Options(address);
        options.Events.MaxMessageBytes = 64 * 1024;
        options.Events.ReconnectInitialDelay = TimeSpan.FromSeconds(30);
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var backend = new Backend(options, "test", TimeProvider.System, NullLoggerFactory.Instance);
        await using var monitor = BackendRig.Monitor(time, backend);
        var wentDown = new TaskCompletionSource<BackendStateChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        monitor.StateChanged += (_, e) => wentDown.TrySetResult(e);

        using var scope = await backend.OpenScopeAsync("channel-1").WaitAsync(BackendRig.HangGuard);
        var change = await wentDown.Task.WaitAsync(BackendRig.HangGuard);

        Assert.True(change.WentDown || change.Current.State == BackendState.Down);
        Assert.Equal(BackendState.Down, backend.Health.State);
        Assert.StartsWith("marked faulty until 2026-11-27 05:05:00Z: ComfyUI sent more than 65536 bytes for one WebSocket message", backend.Health.Error, StringComparison.Ordinal);
        await stopping.CancelAsync();
        await app.StopAsync();
    }
}

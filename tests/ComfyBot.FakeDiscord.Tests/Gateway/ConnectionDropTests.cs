using System.Net.WebSockets;
using ComfyBot.FakeDiscord.Contracts;
using ComfyBot.FakeDiscord.Gateway;
using Microsoft.AspNetCore.Http;

namespace ComfyBot.FakeDiscord.Tests.Gateway;

/// <summary>
/// Drop() racing the connection's own end: Kestrel recycles the HttpContext once the handler returned, and aborting
/// the socket then threw ObjectDisposedException at shutdown. The handler must not return while a drop is aborting.
/// </summary>
public sealed class ConnectionDropTests
{
    [Fact]
    public async Task TheConnectionDoesNotEnd_WhileADropIsAbortingIt()
    {
        var state = new FakeDiscordState(new FakeDiscordOptions(), OpenApiContract.Embedded);
        using var hub = new GatewayHub(state);
        var socket = new HeldWebSocket();
        using var connection = new GatewayConnection(new DefaultHttpContext(), socket, hub, zlibStream: false);
        var run = connection.RunAsync(CancellationToken.None);
        await socket.Receiving.Task.WaitAsync(TestGatewayClient.HangGuard);

        var drop = Task.Run(connection.Drop);
        await socket.Aborting.Task.WaitAsync(TestGatewayClient.HangGuard);
        socket.EndReceive();

        // Direction-safe: on a busy machine the handler may simply not have got this far; it must never get past.
        var ended = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.NotSame(run, ended);

        socket.ReleaseAbort.SetResult();
        await drop.WaitAsync(TestGatewayClient.HangGuard);
        await run.WaitAsync(TestGatewayClient.HangGuard);

        // Once ended, a drop no longer touches the socket (its context may belong to another request by now).
        connection.Drop();
        Assert.Equal(1, socket.AbortCount);
    }

    /// <summary>A socket whose receive ends on request (as a client close) and whose Abort blocks until released.</summary>
    private sealed class HeldWebSocket : WebSocket
    {
        private readonly TaskCompletionSource receive = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private WebSocketState state = WebSocketState.Open;

        public TaskCompletionSource Receiving { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Aborting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource ReleaseAbort { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int AbortCount { get; private set; }

        public override WebSocketCloseStatus? CloseStatus => state == WebSocketState.Open ? null : WebSocketCloseStatus.NormalClosure;

        public override string? CloseStatusDescription => null;

        public override WebSocketState State => state;

        public override string? SubProtocol => null;

        public void EndReceive() => receive.TrySetResult();

        public override void Abort()
        {
            AbortCount++;
            Aborting.TrySetResult();
            ReleaseAbort.Task.Wait(TestGatewayClient.HangGuard);
        }

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
        {
            state = WebSocketState.Closed;
            return Task.CompletedTask;
        }

        public override void Dispose()
        {
        }

        public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
        {
            Receiving.TrySetResult();
            await receive.Task;
            state = WebSocketState.CloseReceived;
            return new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, WebSocketCloseStatus.NormalClosure, null);
        }

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }
}

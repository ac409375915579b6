using System.Net.WebSockets;
using System.Text;
using ComfyBot.Simulator.Sockets;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>A client's close arriving while the simulator is sending a frame still gets the close handshake.</summary>
public sealed class SocketCloseTests
{

    [Fact]
    public async Task ClientClose_DuringASend_IsAnsweredWithACloseFrame_AfterTheSend()
    {
        var socket = new OneSendAtATimeSocket();
        await using var connection = new ClientConnection("sid", socket);
        connection.StartWriting();
        connection.Enqueue(new OutboundFrame(Encoding.UTF8.GetBytes("""{"type":"status"}"""), IsText: true));
        await socket.SendStarted.Task.WaitAsync(HangGuard);

        var reading = WebSocketEndpoint.ReadLoopAsync(socket, connection, runtime: null!, CancellationToken.None);

        // Direction-safe: a close sent while the frame is going out fails, as on a real socket; give it the chance.
        await Task.WhenAny(socket.CloseAttempted.Task, Task.Delay(TimeSpan.FromMilliseconds(300)));
        socket.FinishSend.SetResult();
        await reading.WaitAsync(HangGuard);

        Assert.True(socket.CloseSent, "the client's close was never answered: the socket ended without the handshake");
        Assert.False(socket.Overlapped);
    }

    /// <summary>Like ManagedWebSocket: a close output while a send is outstanding throws.</summary>
    private sealed class OneSendAtATimeSocket : WebSocket
    {
        private WebSocketState state = WebSocketState.Open;
        private bool sending;

        public TaskCompletionSource SendStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource FinishSend { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource CloseAttempted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool CloseSent { get; private set; }

        public bool Overlapped { get; private set; }

        public override WebSocketCloseStatus? CloseStatus => state == WebSocketState.Open ? null : WebSocketCloseStatus.NormalClosure;

        public override string? CloseStatusDescription => null;

        public override WebSocketState State => state;

        public override string? SubProtocol => null;

        public override void Abort() => state = WebSocketState.Aborted;

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
        {
            CloseAttempted.TrySetResult();
            if (sending)
            {
                Overlapped = true;
                throw new InvalidOperationException("There is already one outstanding 'SendAsync' call for this WebSocket instance.");
            }

            CloseSent = true;
            state = WebSocketState.Closed;
            return Task.CompletedTask;
        }

        public override void Dispose()
        {
        }

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
        {
            state = WebSocketState.CloseReceived;
            return Task.FromResult(new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, WebSocketCloseStatus.NormalClosure, null));
        }

        public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            sending = true;
            SendStarted.TrySetResult();
            await FinishSend.Task;
            sending = false;
        }
    }
}

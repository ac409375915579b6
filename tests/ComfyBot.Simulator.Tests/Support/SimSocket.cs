using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Simulator.Tests.Support;

/// <summary>A raw ClientWebSocket that records every frame, with awaitable waits (a generous hang guard, no sleeps).</summary>
internal sealed class SimSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly List<Received> _received = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reader = Task.CompletedTask;

    private SimSocket()
    {
    }

    public IReadOnlyList<Received> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _received.Count;
            }
        }
    }

    public bool Closed { get; private set; }

    /// <summary>Connects; with <paramref name="metadata"/> the first frame asks for type-4 previews, as client B does.</summary>
    public static async Task<SimSocket> ConnectAsync(ComfySimulator sim, string? clientId, bool metadata = false, string path = "/ws")
    {
        var socket = new SimSocket();
        var query = clientId is null ? "" : "?clientId=" + Uri.EscapeDataString(clientId);
        using var timeout = new CancellationTokenSource(HangGuard);
        await socket._socket.ConnectAsync(new Uri($"ws://{sim.BaseAddress.Authority}{path}{query}"), timeout.Token);
        socket._reader = socket.ReadLoopAsync();
        if (metadata)
        {
            await socket.SendTextAsync("{\"type\": \"feature_flags\", \"data\": {\"supports_preview_metadata\": true}}");
        }

        await socket.WaitForAsync(r => r.Is("status"));
        if (metadata)
        {
            await socket.WaitForAsync(r => r.Is("feature_flags"));
        }

        return socket;
    }

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Waits for a frame at index &gt;= <paramref name="from"/> that matches; returns it.</summary>
    public async Task<Received> WaitForAsync(Func<Received, bool> match, int from = 0)
    {
        using var timeout = new CancellationTokenSource(HangGuard);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                for (var i = from; i < _received.Count; i++)
                {
                    if (match(_received[i]))
                    {
                        return _received[i];
                    }
                }

                if (Closed)
                {
                    throw new InvalidOperationException("Socket closed before the expected frame arrived. Got: " + string.Join(" | ", _received.Skip(from).Select(r => r.Token)));
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("Expected frame never arrived. Got: " + string.Join(" | ", Messages.Skip(from).Select(r => r.ToString()[..Math.Min(160, r.ToString().Length)])));
            }
        }
    }

    /// <summary>Waits for the final executing{node:null} of a prompt.</summary>
    public Task<Received> WaitForDoneAsync(string promptId, int from = 0) =>
        WaitForAsync(r => r.Is("executing", promptId) && r.Data!["node"] is null, from);

    public IReadOnlyList<Received> Since(int mark) => [.. Messages.Skip(mark)];

    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(HangGuard);
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        }

        await _reader;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync();
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Already dropped by the server.
        }

        _socket.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var bytes = message.ToArray();
                message.SetLength(0);
                var received = result.MessageType == WebSocketMessageType.Text
                    ? new Received(JsonNode.Parse(bytes) as JsonObject, null) { Text = Encoding.UTF8.GetString(bytes) }
                    : new Received(null, bytes);
                Add(received);
            }
        }
        catch (WebSocketException)
        {
            // Dropped by the server (a fault test) or closed under us.
        }
        finally
        {
            lock (_gate)
            {
                Closed = true;
                _changed.TrySetResult();
            }
        }
    }

    private void Add(Received received)
    {
        lock (_gate)
        {
            _received.Add(received);
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}

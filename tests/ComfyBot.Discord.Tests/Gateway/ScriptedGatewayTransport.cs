using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ComfyBot.Discord.Gateway;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Discord.Tests.Gateway;

/// <summary>
/// A gateway transport the test plays the server for: it pushes frames and closes, and reads what the
/// client connected to, sent and closed with. Every wait has a generous hang guard, never a timing assertion.
/// </summary>
internal sealed class ScriptedGatewayTransport : IGatewayTransport
{

    private readonly Channel<Uri> _connects = Channel.CreateUnbounded<Uri>();
    private readonly Channel<(byte[]? Message, int? CloseCode)> _inbound = Channel.CreateUnbounded<(byte[]?, int?)>();
    private readonly Channel<JsonElement> _sent = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<int> _closes = Channel.CreateUnbounded<int>();
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _receiveWaiters = [];
    private int _receiveCalls;

    public List<Uri> Connections { get; } = [];

    public List<string> SentText { get; } = [];

    /// <summary>When set, ConnectAsync throws this many times before succeeding.</summary>
    public int FailConnects { get; set; }

    public Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Connections.Add(url);
        }

        _connects.Writer.TryWrite(url);
        if (FailConnects > 0)
        {
            FailConnects--;
            throw new System.Net.WebSockets.WebSocketException("scripted connect failure");
        }

        return Task.CompletedTask;
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(message.Span);
        lock (_gate)
        {
            SentText.Add(text);
        }

        using var document = JsonDocument.Parse(text);
        _sent.Writer.TryWrite(document.RootElement.Clone());
        return ValueTask.CompletedTask;
    }

    public async ValueTask<GatewayReceiveResult> ReceiveAsync(IBufferWriter<byte> destination, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _receiveCalls++;
            foreach (var waiter in _receiveWaiters.Where(w => w.Count <= _receiveCalls).ToList())
            {
                waiter.Signal.TrySetResult();
                _receiveWaiters.Remove(waiter);
            }
        }

        var (message, closeCode) = await _inbound.Reader.ReadAsync(cancellationToken);
        if (message is null)
        {
            return GatewayReceiveResult.Closed(closeCode, "scripted close");
        }

        destination.Write(message);
        return GatewayReceiveResult.Message;
    }

    public Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        _closes.Writer.TryWrite(closeCode);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The server sends a frame.</summary>
    public void Push(string json) => _inbound.Writer.TryWrite((Encoding.UTF8.GetBytes(json), null));

    /// <summary>The server sends a frame; returns once the client has handled it and asks for the next.</summary>
    public async Task PushAndWaitHandledAsync(string json)
    {
        Task handled;
        lock (_gate)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _receiveWaiters.Add((_receiveCalls + 1, signal));
            handled = signal.Task;
        }

        Push(json);
        await handled.WaitAsync(HangGuard);
    }

    /// <summary>The server closes the connection with <paramref name="code"/> (null: no close frame).</summary>
    public void PushClose(int? code) => _inbound.Writer.TryWrite((null, code));

    public async Task<Uri> NextConnectAsync() => await Read(_connects);

    public async Task<JsonElement> NextSentAsync() => await Read(_sent);

    /// <summary>The next sent payload that is not a heartbeat.</summary>
    public async Task<JsonElement> NextSentExceptHeartbeatAsync()
    {
        while (true)
        {
            var sent = await NextSentAsync();
            if (sent.GetProperty("op").GetInt32() != 1)
            {
                return sent;
            }
        }
    }

    public async Task<int> NextCloseAsync() => await Read(_closes);

    public bool TryReadSent(out JsonElement sent) => _sent.Reader.TryRead(out sent);

    private static async Task<T> Read<T>(Channel<T> channel)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        return await channel.Reader.ReadAsync(guard.Token);
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using ComfyBot.Discord.Gateway;

namespace ComfyBot.Benchmarks.AckLatency;

/// <summary>
/// Wraps the real WebSocket transport and stamps each INTERACTION_CREATE frame the moment our gateway has read it
/// whole, before the session parses it. The interaction id is read off the hot path, after the frame is handed on.
/// </summary>
internal sealed class TimestampingTransport(IGatewayTransport inner) : IGatewayTransport
{
    private static readonly byte[] InteractionCreate = "\"INTERACTION_CREATE\""u8.ToArray();

    private readonly ArrayBufferWriter<byte> _frame = new(16 * 1024);
    private readonly ConcurrentQueue<(long Stamp, DateTimeOffset At, byte[] Frame)> _pending = new();

    /// <summary>Frame received (Stopwatch timestamp and wall clock) by interaction id.</summary>
    public ConcurrentDictionary<ulong, (long Stamp, DateTimeOffset At)> Received { get; } = new();

    public Task ConnectAsync(Uri url, CancellationToken cancellationToken) => inner.ConnectAsync(url, cancellationToken);

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) => inner.SendAsync(message, cancellationToken);

    public async ValueTask<GatewayReceiveResult> ReceiveAsync(IBufferWriter<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _frame.ResetWrittenCount();
        var result = await inner.ReceiveAsync(_frame, cancellationToken);
        var stamp = Stopwatch.GetTimestamp();
        var at = TimeProvider.System.GetUtcNow();
        destination.Write(_frame.WrittenSpan);
        if (!result.IsClose && _frame.WrittenSpan.IndexOf(InteractionCreate) >= 0)
        {
            _pending.Enqueue((stamp, at, _frame.WrittenSpan.ToArray()));
        }

        return result;
    }

    public Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken) => inner.CloseAsync(closeCode, reason, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    /// <summary>Reads the interaction ids of the frames stamped so far (called off the hot path).</summary>
    public void Settle()
    {
        while (_pending.TryDequeue(out var item))
        {
            using var frame = JsonDocument.Parse(item.Frame);
            var id = ulong.Parse(frame.RootElement.GetProperty("d").GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Received[id] = (item.Stamp, item.At);
        }
    }
}

using System.Buffers;
using System.IO.Compression;

namespace ComfyBot.Discord.Gateway;

/// <summary>
/// The client side of <c>compress=zlib-stream</c>: one inflate context for the whole connection (each frame
/// depends on the ones before it), fed one message at a time. Discord ends every message with a Z_SYNC_FLUSH
/// (<c>00 00 FF FF</c>); bytes without that suffix are kept until the rest arrives.
/// </summary>
internal sealed class ZlibStreamInflater : IDisposable
{
    private const int ChunkSize = 16 * 1024;
    private static readonly byte[] SyncFlushSuffix = [0x00, 0x00, 0xFF, 0xFF];

    private readonly MemoryStream _input = new();
    private readonly ZLibStream _inflate;

    public ZlibStreamInflater() => _inflate = new ZLibStream(_input, CompressionMode.Decompress, leaveOpen: true);

    /// <summary>Total compressed bytes received on this connection.</summary>
    public long CompressedBytes { get; private set; }

    /// <summary>
    /// Adds one received binary message; when it completes a sync-flushed block, inflates everything buffered into
    /// <paramref name="destination"/> and returns true. False: wait for more.
    /// </summary>
    public bool TryInflate(ReadOnlySpan<byte> message, IBufferWriter<byte> destination)
    {
        var end = _input.Length;
        _input.Position = end;
        _input.Write(message);
        CompressedBytes += message.Length;
        if (!message.EndsWith(SyncFlushSuffix) && !(message.Length < SyncFlushSuffix.Length && EndsWithSuffix()))
        {
            return false;
        }

        _input.Position = 0;
        while (true)
        {
            var span = destination.GetSpan(ChunkSize);
            var read = _inflate.Read(span);
            if (read == 0)
            {
                break;
            }

            destination.Advance(read);
        }

        _input.SetLength(0);
        return true;
    }

    public void Dispose()
    {
        _inflate.Dispose();
        _input.Dispose();
    }

    private bool EndsWithSuffix()
    {
        if (_input.Length < SyncFlushSuffix.Length)
        {
            return false;
        }

        return _input.GetBuffer().AsSpan((int)_input.Length - SyncFlushSuffix.Length, SyncFlushSuffix.Length).SequenceEqual(SyncFlushSuffix);
    }
}

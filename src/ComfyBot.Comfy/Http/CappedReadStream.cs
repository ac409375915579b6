namespace ComfyBot.Comfy.Http;

/// <summary>A read-only stream that throws <see cref="ComfyResponseTooLargeException"/> once more than a cap was read.</summary>
internal sealed class CappedReadStream(Stream inner, long limit, string what, string option) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Reads a whole body, up to the cap.</summary>
    public static async Task<byte[]> ReadAllAsync(HttpContent content, long limit, string what, string option, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            throw new ComfyResponseTooLargeException(what, limit, option);
        }

        await using var stream = new CappedReadStream(await content.ReadAsStreamAsync(cancellationToken), limit, what, option);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new ComfyResponseTooLargeException(what, limit, option);
        }

        return read;
    }
}

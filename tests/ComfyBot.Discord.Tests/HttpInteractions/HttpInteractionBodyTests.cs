using ComfyBot.Discord.HttpInteractions;
using ComfyBot.Discord.Interactions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Discord.Tests.HttpInteractions;

/// <summary>
/// What an unsigned request may cost before its signature is checked: no buffer sized from the Content-Length it
/// declares, and no connection held by a body that never finishes arriving.
/// </summary>
public sealed class HttpInteractionBodyTests
{
    // Any valid Ed25519 public key: these requests are refused before (or by) the signature check.
    private const string PublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 4, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task DeclaredMegabyte_WithAFewBytesSent_IsNotBufferedAtItsDeclaredSize()
    {
        await using var receiver = Receiver();
        var body = new RecordingBody(new byte[100]);
        var http = Request(body, contentLength: 1024 * 1024);

        await receiver.ReceiveAsync(http);

        Assert.Equal(StatusCodes.Status401Unauthorized, http.Response.StatusCode);
        Assert.InRange(body.LargestReadBuffer, 1, 16 * 1024);
    }

    [Fact]
    public async Task BodyThatNeverFinishes_Is408AfterTheBodyReadTimeout()
    {
        await using var receiver = Receiver();
        var http = Request(new RecordingBody(new byte[10], thenHang: true), contentLength: 2048);

        var receiving = receiver.ReceiveAsync(http);
        Assert.False(receiving.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(10));
        await receiving.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(StatusCodes.Status408RequestTimeout, http.Response.StatusCode);
    }

    [Fact]
    public void BodyReadTimeout_OutOfRange_NamesTheKey()
    {
        var problems = new HttpInteractionsOptionsValidator().Validate(null, new HttpInteractionsOptions { PublicKey = PublicKey, BodyReadTimeout = TimeSpan.Zero }).Failures!;

        Assert.Contains(problems, p => p.StartsWith("BodyReadTimeout is 00:00:00", StringComparison.Ordinal));
    }

    private HttpInteractionReceiver Receiver() => new(
        Options.Create(new HttpInteractionsOptions { PublicKey = PublicKey }),
        new NeverCalledHandler(),
        _time,
        NullLogger<HttpInteractionReceiver>.Instance);

    private static DefaultHttpContext Request(Stream body, long contentLength)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Body = body;
        http.Request.ContentLength = contentLength;
        http.Request.Headers["X-Signature-Ed25519"] = new string('0', 128);
        http.Request.Headers["X-Signature-Timestamp"] = "1796270400";
        return http;
    }

    /// <summary>A request body that hands out its bytes and records the largest buffer a reader offered it.</summary>
    private sealed class RecordingBody(byte[] content, bool thenHang = false) : Stream
    {
        private int _position;

        public int LargestReadBuffer { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            LargestReadBuffer = Math.Max(LargestReadBuffer, buffer.Length);
            if (_position == content.Length && thenHang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            var count = Math.Min(buffer.Length, content.Length - _position);
            content.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class NeverCalledHandler : IInteractionHandler
    {
        public Task HandleAsync(InteractionContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("an unsigned request reached the handler");
    }
}

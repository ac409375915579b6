using System.Net;
using ComfyBot.Comfy.Http;
using ComfyBot.Simulator;
using Microsoft.Extensions.Logging.Abstractions;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Comfy.Tests.Integration;

/// <summary>Nothing ComfyUI sends back is read without a bound: files, JSON answers and error bodies stop at their caps.</summary>
public sealed class ResponseCapTests
{

    [Fact]
    public async Task AViewAnswerOverTheCap_StopsAtTheCap_WithTheOptionToRaise()
    {
        await using var sim = await ComfySimulator.StartAsync(new SimulatorOptions { StepsPerSecond = 0 });
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        var client = new ComfyClient(http, new ComfyClientOptions { MaxResponseBytes = 1024 * 1024 }, TimeProvider.System, NullLogger<ComfyClient>.Instance);
        var big = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(big);
        var file = await client.UploadImageAsync(new MemoryStream(big), "big.png").WaitAsync(HangGuard);

        using var destination = new MemoryStream();
        var error = await Assert.ThrowsAsync<ComfyResponseTooLargeException>(() => client.DownloadFileAsync(file, destination).WaitAsync(HangGuard));

        Assert.Contains("more than 1048576 bytes for GET /view", error.Message, StringComparison.Ordinal);
        Assert.Contains("big.png", error.Message, StringComparison.Ordinal);
        Assert.Contains("ComfyClientOptions.MaxResponseBytes", error.Message, StringComparison.Ordinal);
        Assert.True(destination.Length <= 1024 * 1024 + 128 * 1024, $"{destination.Length} bytes were copied past the cap");
    }

    [Fact]
    public async Task AnEndlessErrorBody_IsReadOnlyToTheErrorCap()
    {
        var body = new EndlessStream();
        using var http = new HttpClient(new Answering(() => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StreamContent(body) }))
        {
            BaseAddress = new Uri("http://comfy.invalid/"),
        };
        var client = new ComfyClient(http, new ComfyClientOptions { MaxRetries = 0, MaxErrorBodyBytes = 4096 }, TimeProvider.System, NullLogger<ComfyClient>.Instance);

        var error = await Assert.ThrowsAsync<ComfyHttpException>(() => client.GetSystemStatsAsync().WaitAsync(HangGuard));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.True(body.Served <= 4096 + 8192, $"{body.Served} bytes of the error body were read");
    }

    [Fact]
    public async Task AnEndlessJsonAnswer_StopsAtTheCap()
    {
        var body = new EndlessStream();
        using var http = new HttpClient(new Answering(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) }))
        {
            BaseAddress = new Uri("http://comfy.invalid/"),
        };
        var client = new ComfyClient(http, new ComfyClientOptions { MaxRetries = 0, MaxResponseBytes = 1024 * 1024 }, TimeProvider.System, NullLogger<ComfyClient>.Instance);

        await Assert.ThrowsAsync<ComfyResponseTooLargeException>(() => client.GetSystemStatsAsync().WaitAsync(HangGuard));

        Assert.True(body.Served <= 1024 * 1024 + 128 * 1024, $"{body.Served} bytes of the answer were read");
    }

    private sealed class Answering(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer());
    }

    /// <summary>A body that never ends, counting what was read of it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'a');
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

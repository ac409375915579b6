using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ComfyBot.Discord;
using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Rest;
using ComfyBot.Discord.Rest.RateLimits;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Benchmarks.Rest;

/// <summary>
/// The REST client's per-edit costs: serialising a progress edit and a final edit, building the multipart body of
/// a final edit with a preview-sized image, and a full client round trip (rate limits included) to an in-memory handler.
/// </summary>
[MemoryDiagnoser]
public class EditBodyBenchmarks
{
    private static readonly Snowflake Channel = new(1200000000000000001);
    private readonly byte[] _image = new byte[256 * 1024];
    private MessageBody _progress = null!;
    private MessageBody _final = null!;
    private DiscordRestClient _client = null!;
    private HttpClient _http = null!;
    private BucketRegistry _buckets = null!;
    private RateLimitHeaders _headers = null!;
    private Route _route = null!;

    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(_image);
        _progress = new MessageBody
        {
            Content = "**a lighthouse at dusk, volumetric fog, 35mm** - step 12/20 `██████░░░░` 60%",
            Components = [ActionRow.Of(Button.Action(ButtonStyle.Danger, "job:1234:cancel", "Cancel"))],
        };
        _final = new MessageBody
        {
            Content = "**a lighthouse at dusk, volumetric fog, 35mm** - done in 41 s",
            Embeds =
            [
                new Embed
                {
                    Title = "Result",
                    Description = "seed 42 · 20 steps · cfg 7 · sdxl",
                    Color = 0x57F287,
                    Fields = [new EmbedField("queue", "3 s", Inline: true), new EmbedField("render", "38 s", Inline: true)],
                    Image = EmbedMedia.Attachment("result.png"),
                    Footer = new EmbedFooter("ComfyBot"),
                    Timestamp = DateTimeOffset.UnixEpoch,
                },
            ],
            Components =
            [
                ActionRow.Of(
                    Button.Action(ButtonStyle.Primary, "job:1234:again", "Again"),
                    Button.Action(ButtonStyle.Secondary, "job:1234:vary", "Vary"),
                    Button.Action(ButtonStyle.Danger, "job:1234:delete", "Delete")),
            ],
            Files = [new FileUpload("result.png", _image)],
        };

        _http = new HttpClient(new InstantHandler());
        _client = new DiscordRestClient(_http, new DiscordRestOptions { Token = "bench", BaseAddress = new Uri("http://discord.bench/api/v10/") }, TimeProvider.System, NullLogger<DiscordRestClient>.Instance);
        _buckets = new BucketRegistry(TimeProvider.System);
        _route = new Route(HttpMethod.Patch, "/channels/{channel_id}/messages/{message_id}", MajorParameter.Channel(Channel));
        _headers = new RateLimitHeaders("bucket", 1_000_000, 999_999, TimeSpan.Zero, false, RateLimitScope.Unknown, null);
    }

    [GlobalCleanup]
    public void Cleanup() => _http.Dispose();

    [Benchmark(Baseline = true)]
    public byte[] SerializeProgressEdit() =>
        JsonSerializer.SerializeToUtf8Bytes(MessagePayload.From(_progress), DiscordJsonContext.Default.MessagePayload);

    [Benchmark]
    public byte[] SerializeFinalEditPayload() =>
        JsonSerializer.SerializeToUtf8Bytes(MessagePayload.From(_final), DiscordJsonContext.Default.MessagePayload);

    [Benchmark]
    public async Task<long> BuildFinalEditMultipart()
    {
        using var content = RequestContent.Create(MessagePayload.From(_final), DiscordJsonContext.Default.MessagePayload, _final.Files);
        var sink = new CountingStream();
        await content.CopyToAsync(sink);
        return sink.Length;
    }

    [Benchmark]
    public async Task<bool> RateLimitAcquireAndComplete()
    {
        var bucket = await _buckets.AcquireAsync(_route, CancellationToken.None);
        _buckets.Complete(_route, bucket, _headers, answered: true);
        return bucket is not null;
    }

    /// <summary>PATCH @original: an interaction route, so the global 50/s limiter (which would dominate) does not apply.</summary>
    [Benchmark]
    public Task<DiscordMessage> ClientProgressEditRoundTrip() =>
        _client.EditOriginalResponseAsync(new Snowflake(900), "interaction-token", _progress, CancellationToken.None);

    /// <summary>Answers instantly with a window that resets at once, so the benchmark measures the client, not waiting.</summary>
    private sealed class InstantHandler : HttpMessageHandler
    {
        private static readonly byte[] Message = """{"id":"1100000000000000001","channel_id":"1200000000000000001","content":"ok","flags":0,"attachments":[]}"""u8.ToArray();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(Message) };
            response.Headers.TryAddWithoutValidation("X-RateLimit-Bucket", "bench");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Limit", "1000000");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "999999");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Reset-After", "0");
            return Task.FromResult(response);
        }
    }

    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}

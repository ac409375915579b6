using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace ComfyBot.Discord.Tests.Rest;

/// <summary>
/// Stands in for Discord: answers each request with the next scripted response (or the fallback), records what it
/// received, and lets tests await arrivals. A script step may also wait on a signal to hold a request in flight.
/// </summary>
internal sealed class ScriptedDiscordHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<RecordedRequest, Task<HttpResponseMessage>>> _script = new();
    private readonly Channel<RecordedRequest> _arrivals = Channel.CreateUnbounded<RecordedRequest>();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();

    public Func<RecordedRequest, HttpResponseMessage> Fallback { get; set; } = _ => Respond(200, "{}");

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public void Enqueue(Func<HttpResponseMessage> response) => _script.Enqueue(_ => Task.FromResult(response()));

    public void Enqueue(Func<RecordedRequest, Task<HttpResponseMessage>> response) => _script.Enqueue(response);

    /// <summary>The next request to arrive (hang guard: 10 s of real time).</summary>
    public async Task<RecordedRequest> NextRequestAsync() => await _arrivals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public static HttpResponseMessage Respond(int status, string? json = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        if (json is not null)
        {
            response.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>The headers of a response that teaches a bucket.</summary>
    public static (string, string)[] Bucket(string hash, int limit, int remaining, double resetAfter) =>
    [
        ("X-RateLimit-Bucket", hash),
        ("X-RateLimit-Limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("X-RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("X-RateLimit-Reset-After", resetAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = await RecordAsync(request, cancellationToken);
        lock (_gate)
        {
            _requests.Add(recorded);
        }

        _arrivals.Writer.TryWrite(recorded);
        var response = _script.TryDequeue(out var step) ? await step(recorded) : Fallback(recorded);
        response.RequestMessage = request;
        return response;
    }

    private static async Task<RecordedRequest> RecordAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var parts = new List<RecordedPart>();
        var body = Array.Empty<byte>();
        if (request.Content is MultipartFormDataContent multipart)
        {
            foreach (var part in multipart)
            {
                var disposition = part.Headers.ContentDisposition;
                parts.Add(new RecordedPart(
                    disposition?.Name?.Trim('"'),
                    disposition?.FileName?.Trim('"'),
                    part.Headers.ContentType?.MediaType,
                    await part.ReadAsByteArrayAsync(cancellationToken)));
            }
        }

        if (request.Content is not null)
        {
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        return new RecordedRequest(
            request.Method,
            request.RequestUri!.PathAndQuery,
            request.Headers.Authorization?.ToString(),
            request.Headers.TryGetValues("User-Agent", out var agents) ? string.Join(" ", agents) : null,
            request.Content?.Headers.ContentType?.MediaType,
            body,
            parts);
    }
}

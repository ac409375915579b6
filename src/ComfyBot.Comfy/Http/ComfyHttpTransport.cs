using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using ComfyBot.Comfy.Resilience;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Comfy.Http;

/// <summary>
/// Carries one call to the ComfyUI HTTP API: through the resilience pipeline of its kind, a fresh request per attempt,
/// bodies read by us up to <see cref="ComfyClientOptions.MaxResponseBytes"/>, a non-success status as a
/// <see cref="ComfyHttpException"/> with the start of its body, and transit failures that outlast every attempt as a
/// <see cref="ComfyUnavailableException"/>. Knows no endpoint; <see cref="ComfyClient"/> and
/// <see cref="PromptSubmission"/> say what to send and how to read the answer. Thread-safe.
/// </summary>
internal sealed class ComfyHttpTransport
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly int _attempts;
    private readonly int _maxErrorBodyBytes;

    /// <param name="http">The connection; its requests go to <paramref name="serverAddress"/>.</param>
    /// <param name="serverAddress">The server's absolute address, ending in '/'.</param>
    /// <param name="options">Caps, timeouts and retries (already validated).</param>
    /// <param name="timeProvider">The clock for timeouts and retry delays.</param>
    /// <param name="logger">Where retries are logged.</param>
    public ComfyHttpTransport(HttpClient http, Uri serverAddress, ComfyClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _http = http;
        ServerAddress = serverAddress;
        Resilience = new ComfyResilience(options, timeProvider, logger, serverAddress);
        _attempts = options.MaxRetries + 1;
        MaxResponseBytes = options.MaxResponseBytes;
        _maxErrorBodyBytes = options.MaxErrorBodyBytes;
    }

    /// <summary>The server's address, ending in '/'.</summary>
    public Uri ServerAddress { get; }

    /// <summary>The pipelines calls choose from.</summary>
    public ComfyResilience Resilience { get; }

    /// <summary>The most bytes one answer may have.</summary>
    public long MaxResponseBytes { get; }

    /// <summary>Sends through the pipeline of <paramref name="kind"/>; every attempt builds a fresh request.</summary>
    public async Task<T> SendAsync<T>(
        ComfyCallKind kind,
        HttpMethod method,
        string path,
        Func<HttpContent?>? content,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken,
        bool keepResponse = false)
    {
        var endpoint = $"{method} /{path}";
        try
        {
            return await Resilience.ExecuteAsync(
                kind,
                endpoint,
                token => SendOnceAsync(method, path, content, read, keepResponse, token),
                cancellationToken);
        }
        catch (Exception ex) when (ex is not ComfyHttpException && ComfyResilience.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ComfyUnavailableException($"ComfyUI at {ServerAddress} did not answer {endpoint} in {_attempts} attempt(s): {ex.Message}", ex);
        }
    }

    /// <summary>One attempt, outside any pipeline: the caller decides whether and how it is retried.</summary>
    public async Task<T> SendOnceAsync<T>(
        HttpMethod method,
        string path,
        Func<HttpContent?>? content,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        bool keepResponse,
        CancellationToken token)
    {
        using var request = new HttpRequestMessage(method, new Uri(ServerAddress, path)) { Content = content?.Invoke() };
        // Headers first, always: a body is then read by us, up to a cap, never buffered whole by HttpClient.
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
        var keep = false;
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ComfyHttpException($"{method} /{path}", response.StatusCode, await ReadSnippetAsync(response, token));
            }

            var what = $"{method} /{path}";
            if (!keepResponse)
            {
                var body = await CappedReadStream.ReadAllAsync(response.Content, MaxResponseBytes, what, "ComfyClientOptions.MaxResponseBytes", token);
                var buffered = new ByteArrayContent(body);
                foreach (var header in response.Content.Headers)
                {
                    buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                response.Content = buffered;
            }
            else if (response.Content.Headers.ContentLength > MaxResponseBytes)
            {
                throw new ComfyResponseTooLargeException(what, MaxResponseBytes, "ComfyClientOptions.MaxResponseBytes");
            }

            var result = await read(response, token);
            keep = keepResponse;
            return result;
        }
        finally
        {
            if (!keep)
            {
                response.Dispose();
            }
        }
    }

    /// <summary>One request sent as it is, headers first; the caller reads (and disposes) the answer whatever its status.</summary>
    public Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken token) =>
        _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);

    /// <summary>The start of an error answer's body, for its message; never more than the error-body cap is read.</summary>
    public async Task<string> ReadSnippetAsync(HttpResponseMessage response, CancellationToken token)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(token);
        var buffer = new byte[_maxErrorBodyBytes];
        var count = 0;
        int read;
        while (count < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(count), token)) > 0)
        {
            count += read;
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, count);
        return text.Length > 500 ? text[..500] + "..." : text.Trim();
    }

    /// <summary>A UTF-8 JSON body written by <paramref name="write"/>.</summary>
    public static ByteArrayContent JsonContent(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return JsonContent(buffer.WrittenSpan.ToArray());
    }

    /// <summary>A JSON body of bytes already written.</summary>
    public static ByteArrayContent JsonContent(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    /// <summary>An answer's body as a JSON document; a body that is not JSON is a protocol error naming the path.</summary>
    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken token)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(token);
        try
        {
            return await JsonDocument.ParseAsync(stream, default, token);
        }
        catch (JsonException ex)
        {
            var path = response.RequestMessage?.RequestUri?.AbsolutePath ?? "?";
            throw new Events.ComfyProtocolException($"ComfyUI's answer to {path} is not valid JSON ({ex.Message}).", ex);
        }
    }
}

using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using ComfyBot.Comfy.Resilience;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Comfy.Http;

/// <summary>
/// The ComfyUI HTTP API. Each call goes through a resilience pipeline chosen for it: idempotent calls retry
/// transport failures, timeouts and 5xx with backoff and jitter; POST /prompt retries only after /queue and
/// /history show its client-generated prompt id is not there; nothing retries a 4xx. Thread-safe.
/// </summary>
public sealed partial class ComfyClient
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly ComfyResilience _resilience;
    private readonly ILogger _logger;
    private readonly int _attempts;
    private readonly long _maxResponseBytes;
    private readonly int _maxErrorBodyBytes;

    /// <summary>Creates a client for the server at <paramref name="httpClient"/>'s BaseAddress.</summary>
    /// <param name="httpClient">
    /// Its BaseAddress is the server (e.g. <c>http://127.0.0.1:8188/</c>). Leave its Timeout long or infinite:
    /// <see cref="ComfyClientOptions.RequestTimeout"/> times each attempt.
    /// </param>
    /// <param name="options">Timeouts and retries; validated here.</param>
    /// <param name="timeProvider">The clock for timeouts and retry delays.</param>
    /// <param name="logger">Where retries and recoveries are logged.</param>
    /// <exception cref="ArgumentException">The BaseAddress is missing.</exception>
    public ComfyClient(HttpClient httpClient, ComfyClientOptions options, TimeProvider timeProvider, ILogger<ComfyClient> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (httpClient.BaseAddress is not { IsAbsoluteUri: true } address)
        {
            throw new ArgumentException("HttpClient.BaseAddress must be the ComfyUI server's absolute address, e.g. http://127.0.0.1:8188/.", nameof(httpClient));
        }

        // Relative paths resolve below the base only if it ends in '/', and a server may sit below a path prefix.
        _base = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
        _http = httpClient;
        _resilience = new ComfyResilience(options, timeProvider);
        _logger = logger;
        _attempts = options.MaxRetries + 1;
        _maxResponseBytes = options.MaxResponseBytes;
        _maxErrorBodyBytes = options.MaxErrorBodyBytes;
    }

    /// <summary>The server's address, ending in '/'.</summary>
    public Uri ServerAddress => _base;

    /// <summary>Sends through the pipeline of <paramref name="kind"/>; every attempt builds a fresh request.</summary>
    private async Task<T> SendAsync<T>(
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
            return await _resilience.For(kind).ExecuteAsync(
                async token => await SendOnceAsync(method, path, content, read, keepResponse, token),
                cancellationToken);
        }
        catch (Exception ex) when (ex is not ComfyHttpException && ComfyResilience.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ComfyUnavailableException($"ComfyUI at {_base} did not answer {endpoint} in {_attempts} attempt(s): {ex.Message}", ex);
        }
    }

    private async Task<T> SendOnceAsync<T>(
        HttpMethod method,
        string path,
        Func<HttpContent?>? content,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        bool keepResponse,
        CancellationToken token)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, path)) { Content = content?.Invoke() };
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
                var body = await CappedReadStream.ReadAllAsync(response.Content, _maxResponseBytes, what, "ComfyClientOptions.MaxResponseBytes", token);
                var buffered = new ByteArrayContent(body);
                foreach (var header in response.Content.Headers)
                {
                    buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                response.Content = buffered;
            }
            else if (response.Content.Headers.ContentLength > _maxResponseBytes)
            {
                throw new ComfyResponseTooLargeException(what, _maxResponseBytes, "ComfyClientOptions.MaxResponseBytes");
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

    /// <summary>The start of an error answer's body, for its message; never more than the error-body cap is read.</summary>
    private async Task<string> ReadSnippetAsync(HttpResponseMessage response, CancellationToken token)
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

    private static ByteArrayContent JsonContent(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken token)
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

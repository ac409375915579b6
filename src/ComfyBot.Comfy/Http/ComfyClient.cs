using Microsoft.Extensions.Logging;

namespace ComfyBot.Comfy.Http;

/// <summary>
/// The ComfyUI HTTP API. Each call goes through a resilience pipeline chosen for it: idempotent calls retry
/// transport failures, timeouts and 5xx with backoff and jitter; POST /prompt retries only after /queue and
/// /history show its client-generated prompt id is not there; nothing retries a 4xx. Thread-safe.
/// </summary>
public sealed partial class ComfyClient
{
    private readonly ComfyHttpTransport _transport;
    private readonly PromptSubmission _submission;

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
        var serverAddress = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
        _transport = new ComfyHttpTransport(httpClient, serverAddress, options, timeProvider, logger);
        _submission = new PromptSubmission(_transport, logger);
    }

    /// <summary>The server's address, ending in '/'.</summary>
    public Uri ServerAddress => _transport.ServerAddress;
}

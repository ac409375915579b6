using System.Buffers;
using System.Globalization;
using ComfyBot.Discord.Interactions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComfyBot.Discord.HttpInteractions;

/// <summary>
/// Answers Discord's POSTs: verify the signature and timestamp (401 otherwise), PONG a PING inline, and
/// hand everything else to the same <see cref="IInteractionHandler"/> as the gateway. The handler answers
/// over REST; once it acknowledges, the request ends with 202 and no body (the out-of-band answer of §11).
/// </summary>
internal sealed class HttpInteractionReceiver : IAsyncDisposable
{
    private static readonly byte[] Pong = "{\"type\":1}"u8.ToArray();

    // An interaction is a few KB: start there and read in pieces of that size.
    private const int InitialBufferBytes = 8 * 1024;
    private const int ReadChunkBytes = 4 * 1024;

    private readonly HttpInteractionsOptions _options;
    private readonly Ed25519SignatureVerifier _verifier;
    private readonly TimeProvider _timeProvider;
    private readonly InteractionDispatcher _dispatcher;
    private readonly ILogger _logger;

    public HttpInteractionReceiver(
        IOptions<HttpInteractionsOptions> options,
        IInteractionHandler handler,
        TimeProvider timeProvider,
        ILogger<HttpInteractionReceiver> logger)
    {
        _options = options.Value;
        _verifier = new Ed25519SignatureVerifier(_options.PublicKey);
        _timeProvider = timeProvider;
        _logger = logger;
        _dispatcher = new InteractionDispatcher(handler, logger);
    }

    public async Task ReceiveAsync(HttpContext http)
    {
        var request = http.Request;
        var response = http.Response;
        byte[]? body;
        using (var slowBody = new CancellationTokenSource(_options.BodyReadTimeout, _timeProvider))
        using (var reading = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, slowBody.Token))
        {
            try
            {
                body = await ReadBodyAsync(request, reading.Token);
            }
            catch (OperationCanceledException) when (slowBody.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
            {
                // Unsigned bytes trickled in: nothing about the sender is known yet, so it may not hold a connection.
                _logger.LogWarning("Refused an interaction request whose body took longer than {Timeout} to arrive", _options.BodyReadTimeout);
                response.StatusCode = StatusCodes.Status408RequestTimeout;
                return;
            }
        }

        if (body is null)
        {
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var signature = request.Headers["X-Signature-Ed25519"];
        var timestamp = request.Headers["X-Signature-Timestamp"];
        if (signature.Count != 1 || timestamp.Count != 1 || !_verifier.Verify(signature[0], timestamp[0], body))
        {
            _logger.LogWarning("Refused an interaction request with a missing or invalid signature");
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!IsFresh(timestamp[0]!))
        {
            _logger.LogWarning("Refused an interaction request whose signed timestamp is older than {MaxAge}", _options.MaxTimestampAge);
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        Interaction interaction;
        try
        {
            interaction = InteractionParser.Parse(body);
        }
        catch (InteractionFormatException ex)
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            await response.WriteAsync(ex.Message, http.RequestAborted);
            return;
        }

        if (interaction.Type == InteractionType.Ping)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            await response.Body.WriteAsync(Pong, http.RequestAborted);
            return;
        }

        var context = _dispatcher.Dispatch(interaction, InteractionSource.HttpEndpoint);
        response.StatusCode = await WaitForAcknowledgementAsync(context);
    }

    public ValueTask DisposeAsync() => _dispatcher.DisposeAsync();

    private async Task<int> WaitForAcknowledgementAsync(InteractionContext context)
    {
        // Not the request's token: the handler's callback decides the answer even if Discord hangs up first.
        try
        {
            await context.Acknowledged.WaitAsync(_options.AcknowledgementTimeout, _timeProvider);
            return StatusCodes.Status202Accepted;
        }
        catch (TimeoutException)
        {
            _logger.LogError("The handler did not acknowledge {Interaction} within {Timeout}", context.Interaction, _options.AcknowledgementTimeout);
            return StatusCodes.Status503ServiceUnavailable;
        }
        catch (Exception)
        {
            // The dispatcher logged the handler's failure.
            return StatusCodes.Status500InternalServerError;
        }
    }

    private bool IsFresh(string timestamp)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        var age = _timeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age.Duration() <= _options.MaxTimestampAge;
    }

    /// <summary>The raw body, exactly as received (the signature covers these bytes); null when too large.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = _options.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            return null;
        }

        // The buffer grows with the bytes that arrive, never from the declared Content-Length: before the signature is
        // checked anyone can declare 1 MiB on each of many connections and send nothing.
        var buffer = new ArrayBufferWriter<byte>(InitialBufferBytes);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(ReadChunkBytes), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}

using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tracking;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Comfy.Http;

/// <summary>
/// Makes the clients of ComfyUI servers on one clock and one set of loggers: the HTTP connection to a server, the API
/// client over it, its event streams and job trackers. One per application (see
/// <see cref="ComfyServiceCollectionExtensions.AddComfyClients"/>); what it makes belongs to the caller, who disposes it.
/// </summary>
public sealed class ComfyClientFactory
{
    private readonly Func<HttpMessageHandler> _handlers;

    /// <summary>Creates the factory.</summary>
    /// <param name="time">The clock for timeouts, retries and reconnects.</param>
    /// <param name="loggers">Loggers for the clients, streams and trackers.</param>
    /// <param name="handlers">
    /// Makes the message handler of each server's connection; null for a pooled socket handler that renews its
    /// connections every two minutes (so a server that moved behind its DNS name is found again).
    /// </param>
    public ComfyClientFactory(TimeProvider time, ILoggerFactory loggers, Func<HttpMessageHandler>? handlers = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        Time = time;
        Loggers = loggers;
        _handlers = handlers ?? (() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
    }

    /// <summary>The clock everything made here runs on.</summary>
    public TimeProvider Time { get; }

    /// <summary>The loggers everything made here logs to.</summary>
    public ILoggerFactory Loggers { get; }

    /// <summary>
    /// The HTTP connection to the server at <paramref name="address"/>, sending <paramref name="headers"/> (such as an
    /// Authorization) on every request; the API clients of the server share it.
    /// </summary>
    public HttpClient CreateConnection(Uri address, IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(headers);
        var http = new HttpClient(_handlers(), disposeHandler: true) { BaseAddress = address };
        foreach (var (header, value) in headers)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
        }

        return http;
    }

    /// <summary>An API client over <paramref name="connection"/> (see <see cref="CreateConnection"/>).</summary>
    public ComfyClient CreateClient(HttpClient connection, ComfyClientOptions options) =>
        new(connection, options, Time, Loggers.CreateLogger<ComfyClient>());

    /// <summary>The event stream (WebSocket) of <paramref name="clientId"/> on the server at <paramref name="address"/>; not started.</summary>
    public ComfyEventStream CreateEventStream(Uri address, string clientId, ComfyEventStreamOptions options) =>
        new(address, clientId, options, Time, Loggers.CreateLogger<ComfyEventStream>());

    /// <summary>A tracker of the prompts <paramref name="client"/> submits, following them on <paramref name="events"/>.</summary>
    public JobTracker CreateTracker(ComfyClient client, ComfyEventStream events, JobTrackerOptions options) =>
        new(client, events, options, Time, Loggers.CreateLogger<JobTracker>());
}

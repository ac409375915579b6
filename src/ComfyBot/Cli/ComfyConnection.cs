using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tracking;

namespace ComfyBot.Cli;

/// <summary>
/// The client, event stream and tracker for one ComfyUI server, owned together and disposed together. They come from
/// the same <see cref="ComfyClientFactory"/> the bot's backends are made with, so a CLI verb talks to ComfyUI exactly
/// as the bot does.
/// </summary>
internal sealed class ComfyConnection : IAsyncDisposable
{
    private readonly HttpClient http;

    public ComfyConnection(Uri server, ComfyClientFactory clients)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(clients);
        http = clients.CreateConnection(server, []);

        // The client's own RequestTimeout bounds each request; a large upload from the terminal is not cut at 100 s.
        http.Timeout = Timeout.InfiniteTimeSpan;
        Client = clients.CreateClient(http, new ComfyClientOptions());
        var clientId = "comfybot-cli-" + Guid.NewGuid().ToString("N")[..12];
        Events = clients.CreateEventStream(server, clientId, new ComfyEventStreamOptions());
        Tracker = clients.CreateTracker(Client, Events, new JobTrackerOptions());
    }

    public ComfyClient Client { get; }

    public ComfyEventStream Events { get; }

    public JobTracker Tracker { get; }

    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync();
        http.Dispose();
    }
}

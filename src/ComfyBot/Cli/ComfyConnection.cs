using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tracking;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Cli;

/// <summary>The client, event stream and tracker for one ComfyUI server, owned together and disposed together.</summary>
internal sealed class ComfyConnection : IAsyncDisposable
{
    private readonly HttpClient http;

    public ComfyConnection(Uri server, ILoggerFactory logging, TimeProvider time)
    {
        http = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        Client = new ComfyClient(http, new ComfyClientOptions(), time, logging.CreateLogger<ComfyClient>());
        var clientId = "comfybot-cli-" + Guid.NewGuid().ToString("N")[..12];
        Events = new ComfyEventStream(server, clientId, new ComfyEventStreamOptions(), time, logging.CreateLogger<ComfyEventStream>());
        Tracker = new JobTracker(Client, Events, new JobTrackerOptions(), time, logging.CreateLogger<JobTracker>());
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

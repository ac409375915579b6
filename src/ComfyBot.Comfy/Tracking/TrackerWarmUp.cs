using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Streaming;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Comfy.Tracking;

/// <summary>
/// One job played through the whole client against an in-memory ComfyUI, once per process: the submit (JSON body, the
/// resilience pipeline, the answer's reader), the event stream (every frame type a run sends, parsed and attributed),
/// the tracker (<see cref="JobRun"/>), the history read and a file download. Without it the first real job pays for
/// compiling all of that on its way (the first job cost 33-250 ms where later ones cost 5-12, issue 15). Nothing goes
/// on the network; the real connections are opened by the caller's own stream and first request.
/// </summary>
internal static class TrackerWarmUp
{
    private static readonly Lazy<Task> Run = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task EnsureAsync() => Run.Value;

    private static Task Start()
    {
        // Process-wide work: it must not carry its first caller's log scope or trace span.
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(DryRunAsync);
        }
    }

    private static async Task DryRunAsync()
    {
        var address = new Uri("http://warm-up.invalid/");
        var server = new DryRunServer();
        var time = TimeProvider.System;
        using var http = new HttpClient(server) { BaseAddress = address };
        var client = new ComfyClient(http, new ComfyClientOptions(), time, NullLogger<ComfyClient>.Instance);
        await using var events = new ComfyEventStream(address, "warm-up", new ComfyEventStreamOptions(), time, NullLogger.Instance, server, () => 0.5);
        await events.StartAsync();
        var tracker = new JobTracker(client, events, new JobTrackerOptions(), time, NullLogger<JobTracker>.Instance);
        var workflow = new JsonObject
        {
            ["1"] = new JsonObject { ["class_type"] = "EmptyImage", ["inputs"] = new JsonObject { ["width"] = 8, ["height"] = 8, ["batch_size"] = 1, ["color"] = 0 } },
            ["2"] = new JsonObject { ["class_type"] = "SaveImage", ["inputs"] = new JsonObject { ["images"] = new JsonArray("1", 0), ["filename_prefix"] = "warm_up" } },
        };
        await using var job = await tracker.SubmitAsync(new PromptRequest(workflow));
        await foreach (var _ in job.ReadSnapshotsAsync())
        {
        }

        if (await job.Outcome is not JobSucceeded succeeded)
        {
            throw new InvalidOperationException($"The warm-up job ended as {await job.Outcome}, not in success: the in-memory run no longer matches the client.");
        }

        foreach (var output in succeeded.Outputs)
        {
            using var file = new MemoryStream();
            await client.DownloadFileAsync(output.File, file);
        }
    }

    /// <summary>ComfyUI in memory: the HTTP answers and the socket frames of one fast SaveImage run, in the real server's order.</summary>
    private sealed class DryRunServer : HttpMessageHandler, IComfySocketFactory
    {
        private readonly Channel<string> _frames = Channel.CreateUnbounded<string>();
        private string _promptId = string.Empty;

        public IComfySocket Create() => new DrySocket(_frames.Reader);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Post && path == "/prompt")
            {
                using var body = JsonDocument.Parse(await request.Content!.ReadAsByteArrayAsync(cancellationToken));
                _promptId = body.RootElement.GetProperty("prompt_id").GetString()!;
                PlayRun(_promptId);
                return Json($$$"""{"prompt_id": "{{{_promptId}}}", "number": 1, "node_errors": {}}""");
            }

            if (path.StartsWith("/history/", StringComparison.Ordinal))
            {
                return Json($$$"""
                    {"{{{_promptId}}}": {"prompt": [1, "{{{_promptId}}}", {}, {"client_id": "warm-up"}, ["2"]],
                     "outputs": {"2": {"images": [{"filename": "warm_up_00001_.png", "subfolder": "", "type": "output"}]}},
                     "status": {"status_str": "success", "completed": true, "messages": [["execution_start", {"prompt_id": "{{{_promptId}}}", "timestamp": 1}], ["execution_success", {"prompt_id": "{{{_promptId}}}", "timestamp": 2}]]},
                     "meta": {"2": {"node_id": "2", "display_node": "2", "parent_node": null, "real_node_id": "2"} } } }
                    """);
            }

            if (path == "/queue")
            {
                return Json("""{"queue_running": [], "queue_pending": []}""");
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]) };
        }

        private static HttpResponseMessage Json(string json) =>
            new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        private void PlayRun(string id)
        {
            string[] frames =
            [
                """{"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 1}}}}""",
                $$$"""{"type": "execution_start", "data": {"prompt_id": "{{{id}}}", "timestamp": 1}}""",
                $$$"""{"type": "execution_cached", "data": {"nodes": [], "prompt_id": "{{{id}}}", "timestamp": 1}}""",
                $$$"""{"type": "progress_state", "data": {"prompt_id": "{{{id}}}", "nodes": {"1": {"value": 0.0, "max": 1.0, "state": "running", "node_id": "1", "prompt_id": "{{{id}}}", "display_node_id": "1", "parent_node_id": null, "real_node_id": "1"} } } }""",
                $$$"""{"type": "executing", "data": {"node": "1", "display_node": "1", "prompt_id": "{{{id}}}"}}""",
                $$$"""{"type": "progress", "data": {"value": 1, "max": 1, "prompt_id": "{{{id}}}", "node": "1"}}""",
                $$$"""{"type": "executing", "data": {"node": "2", "display_node": "2", "prompt_id": "{{{id}}}"}}""",
                $$$"""{"type": "executed", "data": {"node": "2", "display_node": "2", "output": {"images": [{"filename": "warm_up_00001_.png", "subfolder": "", "type": "output"}]}, "prompt_id": "{{{id}}}"}}""",
                $$$"""{"type": "execution_success", "data": {"prompt_id": "{{{id}}}", "timestamp": 2}}""",
                """{"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 0}}}}""",
                $$$"""{"type": "executing", "data": {"node": null, "prompt_id": "{{{id}}}"}}""",
            ];
            foreach (var frame in frames)
            {
                _frames.Writer.TryWrite(frame);
            }
        }
    }

    private sealed class DrySocket(ChannelReader<string> frames) : IComfySocket
    {
        private bool _greeted;

        public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken) => Task.CompletedTask;

        public async ValueTask<ComfySocketMessage?> ReceiveAsync(CancellationToken cancellationToken)
        {
            if (!_greeted)
            {
                // ComfyUI's greeting, which is what makes the stream count as connected.
                _greeted = true;
                return Text("""{"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 0}}, "sid": "warm-up"}}""");
            }

            return Text(await frames.ReadAsync(cancellationToken));
        }

        public Task CloseAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private static ComfySocketMessage Text(string json) => new(true, Encoding.UTF8.GetBytes(json));
    }
}

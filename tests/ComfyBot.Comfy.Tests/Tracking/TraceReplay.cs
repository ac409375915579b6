using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tests.Http;
using ComfyBot.Testing.Traces;

namespace ComfyBot.Comfy.Tests.Tracking;

/// <summary>
/// Plays one recorded scenario back to a tracker as the server did: the client's WebSocket frames (one scripted
/// socket per recorded connection, closed where the recording closed it) and an HTTP side that answers
/// /history/{id} with the recorded entry once the run's terminal frame was delivered, and /queue with the
/// queue the recording implies at that point (submitted, started, finished, deleted or cleared).
/// </summary>
internal sealed class TraceReplay : IComfySocketFactory
{
    private readonly IReadOnlyList<TraceRecord> _records;
    private readonly List<(string Conn, List<TraceRecord> Frames, bool Closed)> _connections;
    private readonly Dictionary<string, Submission> _submissions = [];
    private readonly TaskCompletionSource _trackerStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextConnection;
    private long _delivered;
    private int _racedHistoryReads;

    public TraceReplay(string scenario, string promptId)
    {
        _records = TraceReader.Read(scenario);
        foreach (var post in _records.Where(r => r is { Kind: "http", Method: "POST", Path: "/prompt", Status: 200 }))
        {
            var id = post.Json!["prompt_id"]!.GetValue<string>();
            var request = post.RequestJson!;
            var client = request["client_id"]?.GetValue<string>();
            _submissions[id] = new Submission(post.Seq, post.Json["number"]!.GetValue<double>(), client, request["prompt"]!.DeepClone().AsObject());
        }

        PromptId = promptId;
        var tracked = _submissions[promptId];
        Client = tracked.Client ?? throw new InvalidOperationException($"{promptId} was submitted without a client id; it has no events to replay.");
        _delivered = tracked.Seq;
        _connections = [.. _records
            .Where(r => r.Client == Client && r.Kind is "ws_text" or "ws_binary" && r.Seq > tracked.Seq)
            .GroupBy(r => r.Conn!)
            .Select(g => (g.Key, g.ToList(), _records.Any(r => r.Kind == "ws_closed" && r.Conn == g.Key)))];
    }

    public string PromptId { get; }

    /// <summary>
    /// History entries appear when the run's executing{node:null} is delivered, as ComfyUI 0.3.64 writes them (main.py:
    /// execute sends execution_success, task_done writes history, then executing{node:null} is sent); by default they
    /// appear at the first terminal frame.
    /// </summary>
    public bool HistoryAtExecutingNull { get; init; }

    /// <summary>History reads of the tracked prompt that found no entry after its execution_success was delivered (a read that raced the write).</summary>
    public int RacedHistoryReads => Volatile.Read(ref _racedHistoryReads);

    public string Client { get; }

    public JsonObject Prompt => _submissions[PromptId].Prompt;

    public ScriptedHttpHandler Handler => new(Answer);

    /// <summary>
    /// The tracked job's subscription. Frames are handed out only once it is drained, so the HTTP side's view of
    /// the recording (which frame was delivered last) stays at most one frame ahead of what the tracker has read.
    /// </summary>
    public ComfyEventSubscription? Paced { get; set; }

    /// <summary>Prompts of a scenario whose ending the recording shows: a recorded history entry, or no events at all (deleted).</summary>
    public static IEnumerable<string> TrackablePrompts(string scenario)
    {
        var records = TraceReader.Read(scenario);
        foreach (var post in records.Where(r => r is { Kind: "http", Method: "POST", Path: "/prompt", Status: 200 }))
        {
            var id = post.Json!["prompt_id"]!.GetValue<string>();
            var client = post.RequestJson!["client_id"]?.GetValue<string>();
            var hasSocket = records.Any(r => r.Kind == "ws_text" && r.Client == client);
            var hasFrames = records.Any(r => r.Kind == "ws_text" && r.Raw!.Contains(id, StringComparison.Ordinal));
            if (hasSocket && (RecordedHistory(records, id) is not null || !hasFrames))
            {
                yield return id;
            }
        }
    }

    public static JsonObject? RecordedHistory(IEnumerable<TraceRecord> records, string id) =>
        records.LastOrDefault(r => r.Kind == "http" && r.Path == $"/history/{id}" && r.Json is JsonObject { Count: > 0 })?.Json as JsonObject;

    public IComfySocket Create()
    {
        var index = Interlocked.Increment(ref _nextConnection) - 1;
        return index < _connections.Count
            ? new ReplaySocket(this, _connections[index].Frames, _connections[index].Closed && index < _connections.Count - 1)
            : new ReplaySocket(this, [], closes: false);
    }

    private long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Lets frames flow before any request: for a tracker that, on a stream connected before its submit, asks nothing at start.</summary>
    public void Release() => _trackerStarted.TrySetResult();

    private HttpResponseMessage Answer(ScriptedHttpHandler.Request request)
    {
        // The tracker's first look (at /history, then /queue) happens right after the submit, before any later
        // frame; a job whose history is already readable is finished there and asks nothing else.
        _trackerStarted.TrySetResult();
        if (request.Path == "/queue")
        {
            return ScriptedHttpHandler.Json(QueueAt(Delivered));
        }

        if (request.Path.StartsWith("/history/", StringComparison.Ordinal))
        {
            var id = request.Path["/history/".Length..];
            var end = HistoryAtExecutingNull ? ExecutingNullOf(id) ?? EndOf(id) : EndOf(id);
            var visible = end is null || Delivered >= end;
            if (visible && RecordedHistory(_records, id) is { } entry)
            {
                return ScriptedHttpHandler.Json(Encoding.UTF8.GetBytes(entry.ToJsonString()));
            }

            if (id == PromptId && SuccessOf(id) is { } success && Delivered >= success)
            {
                Interlocked.Increment(ref _racedHistoryReads);
            }

            return ScriptedHttpHandler.Json("{}");
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    /// <summary>The seq of the frame that ends a prompt's run, or null when the recording has none.</summary>
    private long? EndOf(string id) => _records
        .Where(r => r.Kind == "ws_text" && r.Raw!.Contains(id, StringComparison.Ordinal)
            && (r.Type is "execution_success" or "execution_error" or "execution_interrupted" || (r.Type == "executing" && r.Raw.Contains("\"node\": null", StringComparison.Ordinal))))
        .Select(r => (long?)r.Seq)
        .FirstOrDefault();

    /// <summary>The seq of a prompt's executing{node:null} frame, or null when the recording has none.</summary>
    public long? ExecutingNullOf(string id) => _records
        .Where(r => r.Kind == "ws_text" && r.Type == "executing" && r.Raw!.Contains(id, StringComparison.Ordinal) && r.Raw.Contains("\"node\": null", StringComparison.Ordinal))
        .Select(r => (long?)r.Seq)
        .FirstOrDefault();

    /// <summary>The seq of a prompt's execution_success frame, or null when the recording has none.</summary>
    public long? SuccessOf(string id) => _records
        .Where(r => r.Kind == "ws_text" && r.Type == "execution_success" && r.Raw!.Contains(id, StringComparison.Ordinal))
        .Select(r => (long?)r.Seq)
        .FirstOrDefault();

    private string QueueAt(long seq)
    {
        var running = new List<string>();
        var pending = new List<string>();
        foreach (var (id, submission) in _submissions)
        {
            if (submission.Seq > seq || (EndOf(id) is { } end && end <= seq) || RemovedBy(id, submission.Seq) is { } removed && removed <= seq)
            {
                continue;
            }

            var started = _records.FirstOrDefault(r => r.Type == "execution_start" && r.Raw!.Contains(id, StringComparison.Ordinal))?.Seq;
            var item = $"[{submission.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}, \"{id}\", {{}}, {{\"client_id\": \"{submission.Client}\"}}, []]";
            (started is { } s && s <= seq ? running : pending).Add(item);
        }

        return $"{{\"queue_running\": [{string.Join(',', running)}], \"queue_pending\": [{string.Join(',', pending)}]}}";
    }

    private long? RemovedBy(string id, long submittedAt) => _records
        .Where(r => r is { Kind: "http", Method: "POST", Path: "/queue" } && r.Seq > submittedAt && r.RequestJson is JsonObject body
            && ((body["clear"] is JsonValue clear && clear.GetValueKind() == JsonValueKind.True)
                || (body["delete"] is JsonArray delete && delete.Any(d => d?.GetValue<string>() == id))))
        .Select(r => (long?)r.Seq)
        .FirstOrDefault();

    private sealed record Submission(long Seq, double Number, string? Client, JsonObject Prompt);

    private sealed class ReplaySocket(TraceReplay replay, List<TraceRecord> frames, bool closes) : IComfySocket
    {
        private int _next;

        public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken) => Task.CompletedTask;

        public async ValueTask<ComfySocketMessage?> ReceiveAsync(CancellationToken cancellationToken)
        {
            await replay._trackerStarted.Task.WaitAsync(cancellationToken);
            while (replay.Paced is { } paced && paced.Reader.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
            }

            if (_next >= frames.Count)
            {
                if (closes)
                {
                    return null;
                }

                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            var frame = frames[_next++];
            Interlocked.Exchange(ref replay._delivered, frame.Seq);
            return frame.Kind == "ws_text"
                ? new ComfySocketMessage(true, Encoding.UTF8.GetBytes(frame.Raw!))
                : new ComfySocketMessage(false, BinaryOf(frame));
        }

        public Task CloseAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private static byte[] BinaryOf(TraceRecord frame)
        {
            if (frame.Saved is not null)
            {
                return TraceReader.ReadSaved(frame);
            }

            // Unsaved frames: the recorded first 16 bytes, padded to the recorded length.
            var bytes = new byte[frame.Line["len"]!.GetValue<int>()];
            Convert.FromHexString(frame.Head16!).CopyTo(bytes, 0);
            return bytes;
        }
    }
}

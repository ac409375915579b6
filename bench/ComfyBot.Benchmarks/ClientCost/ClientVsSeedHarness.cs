using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.Benchmarks.AckLatency;
using ComfyBot.Benchmarks.Load;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tracking;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Benchmarks.ClientCost;

/// <summary>
/// Per-job cost of our ComfyUI client against the seed document's loop (<c>seed_loop.py</c>: ComfyUI's
/// websockets_api_example.py on Debian's python3-websocket), on the same ComfyUI in the same run (issue 15). Each side
/// is one process submitting <c>--jobs</c> jobs in turn on one WebSocket and waiting for each job's images: ours is
/// <see cref="JobTracker"/> (submit, follow, outcome) plus downloading every output file, as a backend does; the seed
/// posts /prompt, reads messages until <c>executing</c> with <c>node: null</c>, reads /history and GETs each image.
/// The workflow is model-free (EmptyImage 64x64 of a random colour, so nothing is cached, then SaveImage), so the
/// server's own work is small and the same for both. Prints ms/job per round and the medians, then the last job's
/// request timeline of each side next to each other: every HTTP request and WebSocket message with its offset from
/// the job's start. Before the first round our side plays <see cref="JobTracker.WarmUpAsync"/> (as a bot does at start, while
/// its stream connects), unless <c>--cold</c>; the first job's timeline of the first round is printed too, to show where a
/// cold first job goes. Usage: <c>client-vs-seed --url http://127.0.0.1:8288/ [--jobs 25] [--rounds 3] [--cold]</c>.
/// </summary>
internal static class ClientVsSeedHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var jobs = AckLatencyHarness.Option(args, "--jobs", 25);
        var rounds = AckLatencyHarness.Option(args, "--rounds", 3);
        var cold = args.Contains("--cold");
        var at = Array.IndexOf(args, "--url");
        if (at < 0 || at + 1 >= args.Length)
        {
            Console.Error.WriteLine("client-vs-seed needs --url, the address of a real ComfyUI (e.g. http://127.0.0.1:8288/; see ../shared/comfy/real-cpu/README.md).");
            return 2;
        }

        var server = new Uri(args[at + 1]);
        var workflowFile = Path.Combine(Path.GetTempPath(), $"comfybot-client-cost-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(workflowFile, Workflow("\"__COLOR__\"").ToJsonString());
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"client-vs-seed: {jobs} jobs in turn per side and round, {rounds} round(s), {server}; EmptyImage 64x64 -> SaveImage; {(cold ? "no warm-up (--cold)" : "warm-up before round 1")}; load average {LoadMeasures.LoadAverage()}"));
            var ours = new List<double>();
            var seed = new List<double>();
            List<(double At, string What)> ourTimeline = [];
            List<(double At, string What)> seedTimeline = [];
            List<double> seedPerJob = [];
            List<(double At, string What)> firstTimeline = [];
            if (!cold)
            {
                var warming = Stopwatch.GetTimestamp();
                await JobTracker.WarmUpAsync();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  warm-up (JobTracker.WarmUpAsync, in memory): {Stopwatch.GetElapsedTime(warming).TotalMilliseconds:0.0} ms"));
            }

            for (var round = 0; round < rounds; round++)
            {
                var seedFirst = round % 2 == 1;
                if (seedFirst)
                {
                    (seedPerJob, seedTimeline) = await RunSeedAsync(server, jobs, workflowFile);
                    seed.Add(seedPerJob.Average());
                }

                (var ourPerJob, ourTimeline, var ourFirst) = await RunOursAsync(server, jobs);
                ours.Add(ourPerJob.Average());
                if (round == 0)
                {
                    firstTimeline = ourFirst;
                }

                if (!seedFirst)
                {
                    (seedPerJob, seedTimeline) = await RunSeedAsync(server, jobs, workflowFile);
                    seed.Add(seedPerJob.Average());
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round + 1}: ComfyBot client {ours[^1]:0.0} ms/job, seed loop {seed[^1]:0.0} ms/job ({ours[^1] / seed[^1]:0.00}x); load average {LoadMeasures.LoadAverage()}"));
                Console.WriteLine($"    ComfyBot client per job: first {ourPerJob[0]:0.0} ms, then {LoadMeasures.Summary(ourPerJob[1..])}");
                Console.WriteLine($"    seed loop per job:       first {seedPerJob[0]:0.0} ms, then {LoadMeasures.Summary(seedPerJob[1..])}");
            }

            var a = LoadMeasures.Percentile(ours, 0.5);
            var b = LoadMeasures.Percentile(seed, 0.5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"medians over rounds: ComfyBot client {a:0.0} ms/job, seed loop {b:0.0} ms/job: {a / b:0.00}x (target below 1: {(a < b ? "met" : "NOT met")})"));
            PrintSideBySide(ourTimeline, seedTimeline);
            Console.WriteLine("our first job of round 1 (ms from its start):");
            foreach (var (offset, what) in firstTimeline)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {offset,8:0.00}  {what}"));
            }

            return 0;
        }
        finally
        {
            File.Delete(workflowFile);
        }
    }

    private static JsonObject Workflow(string color) => JsonNode.Parse($$$"""
        {
          "1": {"class_type": "EmptyImage", "inputs": {"width": 64, "height": 64, "batch_size": 1, "color": {{{color}}}}},
          "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "client_cost"}}
        }
        """)!.AsObject();

    private static async Task<(List<double> PerJob, List<(double At, string What)> Timeline, List<(double At, string What)> First)> RunOursAsync(Uri server, int jobs)
    {
        var timeline = new Timeline();
        using var http = new HttpClient(new StampingHandler(timeline) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = server };
        var client = new ComfyClient(http, new ComfyClientOptions(), TimeProvider.System, NullLogger<ComfyClient>.Instance);
        var streamOptions = new ComfyEventStreamOptions();
        await using var events = new ComfyEventStream(
            server, $"client-cost-{Guid.NewGuid():N}", streamOptions, TimeProvider.System, NullLogger<ComfyEventStream>.Instance,
            new StampingSocketFactory(new ClientWebSocketFactory(maxMessageBytes: streamOptions.MaxMessageBytes), timeline), Random.Shared.NextDouble);
        await events.StartAsync().WaitAsync(LoadBed.HangGuard);
        var tracker = new JobTracker(client, events, new JobTrackerOptions(), TimeProvider.System, NullLogger<JobTracker>.Instance);
        var perJob = new List<double>(jobs);
        List<(double At, string What)> first = [];
        for (var i = 0; i < jobs; i++)
        {
            timeline.Restart();
            var started = Stopwatch.GetTimestamp();
            await using (var job = await tracker.SubmitAsync(new PromptRequest(Workflow(Random.Shared.Next(0xFFFFFF).ToString(CultureInfo.InvariantCulture)))))
            {
                await foreach (var _ in job.ReadSnapshotsAsync())
                {
                }

                var outcome = await job.Outcome.WaitAsync(LoadBed.HangGuard);
                if (outcome is not JobSucceeded succeeded)
                {
                    throw new InvalidOperationException($"A client-cost job ended as {outcome}.");
                }

                timeline.Add("outcome known");

                foreach (var output in succeeded.Outputs)
                {
                    using var image = new MemoryStream();
                    await client.DownloadFileAsync(output.File, image);
                }

                timeline.Add($"done: {succeeded.Outputs.Count} image(s)");
            }

            perJob.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (i == 0)
            {
                first = timeline.Entries;
            }
        }

        return (perJob, timeline.Entries, first);
    }

    private static async Task<(List<double> PerJob, List<(double At, string What)> Timeline)> RunSeedAsync(Uri server, int jobs, string workflowFile)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ClientCost", "seed_loop.py"));
        start.ArgumentList.Add(server.Authority);
        start.ArgumentList.Add(jobs.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(workflowFile);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"seed_loop.py failed with exit code {process.ExitCode} (it needs Debian's python3-websocket): {error}");
        }

        using var result = JsonDocument.Parse(await output);
        var perJob = result.RootElement.GetProperty("per_job_ms").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var timeline = result.RootElement.GetProperty("timeline").EnumerateArray().Select(e => (e[0].GetDouble(), e[1].GetString()!)).ToList();
        return (perJob, timeline);
    }

    private static void PrintSideBySide(List<(double At, string What)> ours, List<(double At, string What)> seed)
    {
        Console.WriteLine("one job's timeline (the last job of the last round; ms from the job's start):");
        Console.WriteLine($"  {"ComfyBot client",-58} | seed loop");
        for (var i = 0; i < Math.Max(ours.Count, seed.Count); i++)
        {
            var left = i < ours.Count ? string.Create(CultureInfo.InvariantCulture, $"{ours[i].At,8:0.00}  {ours[i].What}") : string.Empty;
            var right = i < seed.Count ? string.Create(CultureInfo.InvariantCulture, $"{seed[i].At,8:0.00}  {seed[i].What}") : string.Empty;
            Console.WriteLine($"  {left,-58} | {right}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  HTTP requests: ComfyBot client {ours.Count(e => e.What.EndsWith("sent", StringComparison.Ordinal))}, seed loop {seed.Count(e => e.What.EndsWith("sent", StringComparison.Ordinal))}"));
    }

    /// <summary>Offsets from the current job's start; HTTP and WebSocket stamps come from different threads.</summary>
    private sealed class Timeline
    {
        private readonly Lock _gate = new();
        private long _start = Stopwatch.GetTimestamp();

        public List<(double At, string What)> Entries { get; private set; } = [];

        public void Restart()
        {
            lock (_gate)
            {
                Entries = [];
                _start = Stopwatch.GetTimestamp();
            }
        }

        public void Add(string what)
        {
            lock (_gate)
            {
                Entries.Add((Stopwatch.GetElapsedTime(_start).TotalMilliseconds, what));
            }
        }
    }

    private sealed class StampingHandler(Timeline timeline) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var name = path.StartsWith("/history/", StringComparison.Ordinal) ? "/history/{id}" : path;
            timeline.Add($"HTTP {request.Method} {name} sent");
            var response = await base.SendAsync(request, cancellationToken);
            timeline.Add($"HTTP {request.Method} {name} answered {(int)response.StatusCode}");
            return response;
        }
    }

    private sealed class StampingSocketFactory(IComfySocketFactory inner, Timeline timeline) : IComfySocketFactory
    {
        public IComfySocket Create() => new StampingSocket(inner.Create(), timeline);
    }

    private sealed class StampingSocket(IComfySocket inner, Timeline timeline) : IComfySocket
    {
        public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => inner.ConnectAsync(uri, cancellationToken);

        public Task SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken) => inner.SendTextAsync(utf8, cancellationToken);

        public async ValueTask<ComfySocketMessage?> ReceiveAsync(CancellationToken cancellationToken)
        {
            var message = await inner.ReceiveAsync(cancellationToken);
            if (message is { } m)
            {
                timeline.Add(m.IsText ? "WS " + Describe(m.Payload.Span) : $"WS binary {m.Payload.Length} bytes");
            }

            return message;
        }

        public Task CloseAsync(CancellationToken cancellationToken) => inner.CloseAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        /// <summary>The message's type, and the node for <c>executing</c>, as the seed side prints them.</summary>
        private static string Describe(ReadOnlySpan<byte> json)
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var type = document.RootElement.GetProperty("type").GetString();
            if (type == "executing" && document.RootElement.GetProperty("data").TryGetProperty("node", out var node))
            {
                return $"{type} node {(node.ValueKind == JsonValueKind.Null ? "None" : node.GetString())}";
            }

            return type ?? Encoding.UTF8.GetString(json[..Math.Min(40, json.Length)]);
        }
    }
}

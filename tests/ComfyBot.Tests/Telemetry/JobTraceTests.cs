using System.Collections.Concurrent;
using System.Diagnostics;
using ComfyBot.Core.Running;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Telemetry;
using ComfyBot.Tests.EndToEnd;
using ComfyBot.Tests.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;

namespace ComfyBot.Tests.Telemetry;

/// <summary>One trace per job, from the interaction to the final edit, with the HTTP calls as spans; logs name it.</summary>
public sealed class JobTraceTests
{
    [Fact]
    public async Task AJobThroughTheBot_IsOneTraceFromTheInteractionToTheFinalEdit_AndItsLogLinesCarryTheTraceId()
    {
        var spans = new ConcurrentQueue<Activity>();
        var log = new CapturedLog();
        await using var bed = await BotBed.StartAsync(new BotBedOptions
        {
            StepsPerSecond = 40,
            ConfigureLogging = logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Debug),
            ConfigureServices = Export(spans),
        });

        var interaction = bed.Imagine("traced", null, SlashCommandOption.WholeNumber("steps", 3), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForDoneAsync(interaction);

        var root = await WaitForAsync(spans, s => s.DisplayName == "interaction imagine" && Equals(s.GetTagItem("discord.interaction.id"), interaction.Id));
        var trace = await WaitForTraceAsync(spans, root.TraceId, s => s.DisplayName == "job");

        var job = trace.Single(s => s.DisplayName == "job");
        Assert.Equal(root.SpanId, job.ParentSpanId);
        Assert.Equal("succeeded", job.GetTagItem("comfybot.job.state"));
        var run = trace.Single(s => s.DisplayName == "job.run");
        Assert.Equal(job.SpanId, run.ParentSpanId);
        var submit = trace.Single(s => s.DisplayName == "job.submit");
        Assert.Equal(run.SpanId, submit.ParentSpanId);
        Assert.Contains(trace, s => s.ParentSpanId == submit.SpanId && s.Kind == ActivityKind.Client && Url(s).EndsWith("/prompt", StringComparison.Ordinal));
        var final = trace.Single(s => s.DisplayName == "job.final");
        Assert.Equal(job.SpanId, final.ParentSpanId);
        Assert.Equal("delivered", final.GetTagItem("comfybot.reply.outcome"));
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && s.DisplayName == "PATCH" && Url(s).Contains("/messages/@original", StringComparison.Ordinal));

        // Tokens never leave the bot, in spans neither: the webhook URL's token is scrubbed.
        var tags = string.Join('\n', trace.SelectMany(s => s.TagObjects).Select(t => $"{t.Key}={t.Value}"));
        Assert.DoesNotContain(interaction.Token, tags, StringComparison.Ordinal);
        Assert.DoesNotContain(bed.Fake.BotToken, tags, StringComparison.Ordinal);

        var jobId = job.GetTagItem(JobTelemetry.JobIdTag);
        Assert.Contains(log.Entries, e => e.Contains($"TraceId={root.TraceId}", StringComparison.Ordinal) && e.Contains($"JobId={jobId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoBotsInOneProcess_EachExportsOnlyItsOwnSpans()
    {
        var spansA = new ConcurrentQueue<Activity>();
        var spansB = new ConcurrentQueue<Activity>();
        await using var a = await BotBed.StartAsync(new BotBedOptions { StepsPerSecond = 40, ConfigureServices = Export(spansA) });
        await using var b = await BotBed.StartAsync(new BotBedOptions { StepsPerSecond = 40, ConfigureServices = Export(spansB) });

        var askedA = a.Imagine("bot a", null, SlashCommandOption.WholeNumber("steps", 3));
        var askedB = b.Imagine("bot b", null, SlashCommandOption.WholeNumber("steps", 3));
        await a.WaitForDoneAsync(askedA);
        await b.WaitForDoneAsync(askedB);

        // A job's span ends last, after its final edit: once each bot has exported its own, both jobs' spans have ended.
        var rootA = await WaitForAsync(spansA, s => s.DisplayName == "interaction imagine");
        var rootB = await WaitForAsync(spansB, s => s.DisplayName == "interaction imagine");
        var traceA = await WaitForTraceAsync(spansA, rootA.TraceId, s => s.DisplayName == "job");
        var traceB = await WaitForTraceAsync(spansB, rootB.TraceId, s => s.DisplayName == "job");
        Assert.Contains(traceA, s => s.Kind == ActivityKind.Client && Url(s).EndsWith("/prompt", StringComparison.Ordinal));
        Assert.Contains(traceB, s => s.Kind == ActivityKind.Client && Url(s).EndsWith("/prompt", StringComparison.Ordinal));

        Assert.DoesNotContain(spansA, s => s.TraceId == rootB.TraceId);
        Assert.DoesNotContain(spansB, s => s.TraceId == rootA.TraceId);
        Assert.Single(spansA, s => s.DisplayName == "interaction imagine");
        Assert.Single(spansB, s => s.DisplayName == "interaction imagine");
    }

    [Theory]
    [InlineData("ComfyBot:Telemetry:Otlp:Endpoint", "ComfyBot:Telemetry:Otlp:Protocol", "HttpProtobuf")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")]
    public async Task WithAnOtlpCollectorConfigured_TracesAndMetricsAreSentToIt(string endpointKey, string protocolKey, string protocol)
    {
        await using var collector = await Collector.StartAsync();
        var options = new BotBedOptions { StepsPerSecond = 40 };
        options.Configuration[endpointKey] = collector.Url;
        options.Configuration[protocolKey] = protocol;
        var bed = await BotBed.StartAsync(options);
        try
        {
            await bed.WaitForDoneAsync(bed.Imagine("exported"));
        }
        finally
        {
            // Stopping flushes what the periodic exports still hold.
            await bed.DisposeAsync();
        }

        await collector.WaitForAsync("/v1/traces");
        await collector.WaitForAsync("/v1/metrics");
        Assert.All(collector.Requests, r => Assert.Equal("application/x-protobuf", r.ContentType));
    }

    [Fact]
    public async Task WithAnOtlpEndpointWhereNothingListens_TheLogSaysTheExportFailed()
    {
        var log = new CapturedLog();
        var options = new BotBedOptions { ConfigureLogging = logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Information) };
        options.Configuration["ComfyBot:Telemetry:Otlp:Endpoint"] = $"http://127.0.0.1:{FreePort()}/";
        options.Configuration["ComfyBot:Telemetry:Otlp:Protocol"] = "HttpProtobuf";
        var bed = await BotBed.StartAsync(options);
        try
        {
            await bed.WaitForDoneAsync(bed.Imagine("not exported"));
        }
        finally
        {
            await bed.DisposeAsync();
        }

        Assert.Contains(log.Entries, e => e.StartsWith("Warning ComfyBot.Telemetry.OtlpExportLog", StringComparison.Ordinal) && e.Contains("Check ComfyBot:Telemetry:Otlp", StringComparison.Ordinal));
    }

    /// <summary>Exports the bot's spans into <paramref name="spans"/> as the bot's exporters receive them: its own only.</summary>
    private static Action<IServiceCollection> Export(ConcurrentQueue<Activity> spans) =>
        services => services.AddSingleton(new SpanExport(new SimpleActivityExportProcessor(new InMemoryExporter<Activity>(new SpanSink(spans)))));

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Url(Activity span) => span.GetTagItem("url.full") as string ?? string.Empty;

    private static async Task<Activity> WaitForAsync(ConcurrentQueue<Activity> spans, Func<Activity, bool> match)
    {
        using var guard = new CancellationTokenSource(BotBed.HangGuard);
        while (true)
        {
            if (spans.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), guard.Token);
        }
    }

    private static async Task<List<Activity>> WaitForTraceAsync(ConcurrentQueue<Activity> spans, ActivityTraceId trace, Func<Activity, bool> last)
    {
        await WaitForAsync(spans, s => s.TraceId == trace && last(s));
        return [.. spans.Where(s => s.TraceId == trace)];
    }

    /// <summary>The in-memory exporter's collection, safe to read while spans of other threads end.</summary>
    private sealed class SpanSink(ConcurrentQueue<Activity> spans) : ICollection<Activity>
    {
        public int Count => spans.Count;

        public bool IsReadOnly => false;

        public void Add(Activity item) => spans.Enqueue(item);

        public void Clear() => spans.Clear();

        public bool Contains(Activity item) => spans.Contains(item);

        public void CopyTo(Activity[] array, int arrayIndex) => spans.CopyTo(array, arrayIndex);

        public bool Remove(Activity item) => throw new NotSupportedException();

        public IEnumerator<Activity> GetEnumerator() => spans.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A stand-in OTLP/HTTP collector: records each POST's path and content type and answers 200.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, string? ContentType)> _requests;

        private Collector(WebApplication app, ConcurrentQueue<(string, string?)> requests)
        {
            _app = app;
            _requests = requests;
        }

        public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

        public IReadOnlyList<(string Path, string? ContentType)> Requests => [.. _requests];

        public static async Task<Collector> StartAsync()
        {
            var requests = new ConcurrentQueue<(string, string?)>();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                await context.Request.Body.CopyToAsync(Stream.Null);
                requests.Enqueue((context.Request.Path.Value!, context.Request.ContentType));
                return Results.Ok();
            });
            await app.StartAsync();
            return new Collector(app, requests);
        }

        public async Task WaitForAsync(string path)
        {
            using var guard = new CancellationTokenSource(BotBed.HangGuard);
            while (!_requests.Any(r => r.Path == path))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), guard.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

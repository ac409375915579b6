using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using ComfyBot.Logging;
using ComfyBot.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ComfyBot.Benchmarks.Telemetry;

/// <summary>
/// What observability costs per event: scrubbing an ordinary log line and one with a webhook URL (every log line
/// passes the scrubber), and one counter increment and one histogram record through OpenTelemetry's meter provider with
/// the bot's views (the /metrics scrape itself is OpenTelemetry's Prometheus exporter, measured by its own project).
/// </summary>
[MemoryDiagnoser]
public class TelemetryBenchmarks
{
    private const string Ordinary = "Job #1234 finished on gpu-2 in 41.2 s (KSampler step 20/20); reply edited.";
    private const string WithUrl = "Discord answered PATCH /webhooks/1200000000000000001/aW50ZXJhY3Rpb246MTIwMDAwMDAwMDAwMDAwMDAwMTpzZWNyZXQ/messages/@original with 404 Unknown Webhook";

    private readonly LogScrubber _scrubber = new(["MTIwMDAwMDAwMDAwMDAwMDAwMQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB", "Bearer gpu-password"]);
    private IHost _host = null!;
    private Counter<long> _counter = null!;
    private Histogram<double> _histogram = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddBotMeters());
        _host = builder.Build();
        _host.Start();
        var factory = _host.Services.GetRequiredService<IMeterFactory>();
        var meter = factory.Create("ComfyBot.Bench");
        _counter = meter.CreateCounter<long>("bench.edits");
        _histogram = meter.CreateHistogram<double>("bench.wait", "s");
        string[] states = ["succeeded", "failed", "cancelled", "interrupted"];
        for (var i = 0; i < 1000; i++)
        {
            _counter.Add(1, new KeyValuePair<string, object?>("state", states[i % states.Length]));
            _histogram.Record(i % 90);
        }

        meter.CreateObservableGauge("bench.up", () => Enumerable.Range(1, 8).Select(b => new Measurement<int>(1, new KeyValuePair<string, object?>("backend", $"gpu-{b}"))));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }

    [Benchmark]
    public string ScrubOrdinaryLine() => _scrubber.Scrub(Ordinary);

    [Benchmark]
    public string ScrubWebhookUrl() => _scrubber.Scrub(WithUrl);

    [Benchmark]
    public void CounterAdd() => _counter.Add(1, new KeyValuePair<string, object?>("state", "succeeded"));

    [Benchmark]
    public void HistogramRecord() => _histogram.Record(12.5);
}

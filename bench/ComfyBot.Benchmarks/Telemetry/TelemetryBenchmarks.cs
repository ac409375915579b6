using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using ComfyBot.Logging;
using ComfyBot.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace ComfyBot.Benchmarks.Telemetry;

/// <summary>
/// What observability costs per event: scrubbing an ordinary log line and one with a webhook URL (every log line
/// passes the scrubber), one counter increment and one histogram record through the exporter's listener, and a
/// /metrics scrape of a bot-sized set of series.
/// </summary>
[MemoryDiagnoser]
public class TelemetryBenchmarks
{
    private const string Ordinary = "Job #1234 finished on gpu-2 in 41.2 s (KSampler step 20/20); reply edited.";
    private const string WithUrl = "Discord answered PATCH /webhooks/1200000000000000001/aW50ZXJhY3Rpb246MTIwMDAwMDAwMDAwMDAwMDAwMTpzZWNyZXQ/messages/@original with 404 Unknown Webhook";

    private readonly LogScrubber _scrubber = new(["MTIwMDAwMDAwMDAwMDAwMDAwMQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB", "Bearer gpu-password"]);
    private ServiceProvider _services = null!;
    private PrometheusExporter _exporter = null!;
    private Counter<long> _counter = null!;
    private Histogram<double> _histogram = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = _services.GetRequiredService<IMeterFactory>();
        _exporter = new PrometheusExporter(factory);
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
        _exporter.Dispose();
        _services.Dispose();
    }

    [Benchmark]
    public string ScrubOrdinaryLine() => _scrubber.Scrub(Ordinary);

    [Benchmark]
    public string ScrubWebhookUrl() => _scrubber.Scrub(WithUrl);

    [Benchmark]
    public void CounterAdd() => _counter.Add(1, new KeyValuePair<string, object?>("state", "succeeded"));

    [Benchmark]
    public void HistogramRecord() => _histogram.Record(12.5);

    [Benchmark]
    public string Scrape() => _exporter.Scrape();
}

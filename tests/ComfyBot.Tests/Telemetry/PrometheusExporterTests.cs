using System.Diagnostics.Metrics;
using ComfyBot.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace ComfyBot.Tests.Telemetry;

public sealed class PrometheusExporterTests
{
    [Fact]
    public void Scrape_Counter_SumsPerTagSetWithTotalSuffix()
    {
        using var services = Meters();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var exporter = new PrometheusExporter(factory);
        var counter = factory.Create("ComfyBot.Test").CreateCounter<long>("test.sent", "{edit}", "Edits \"sent\"");

        counter.Add(2, new KeyValuePair<string, object?>("kind", "final"));
        counter.Add(3, new KeyValuePair<string, object?>("kind", "final"));
        counter.Add(1, new KeyValuePair<string, object?>("kind", "progress"));

        var text = exporter.Scrape();
        Assert.Contains("# HELP test_sent_total Edits \"sent\"\n# TYPE test_sent_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("test_sent_total{kind=\"final\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("test_sent_total{kind=\"progress\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_SecondsHistogram_WritesCumulativeBucketsSumAndCount()
    {
        using var services = Meters();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var exporter = new PrometheusExporter(factory);
        var histogram = factory.Create("ComfyBot.Test").CreateHistogram<double>("test.wait", "s");

        histogram.Record(0.05);
        histogram.Record(0.3);
        histogram.Record(7200);

        var text = exporter.Scrape();
        Assert.Contains("# TYPE test_wait_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("test_wait_seconds_bucket{le=\"0.1\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("test_wait_seconds_bucket{le=\"0.25\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("test_wait_seconds_bucket{le=\"0.5\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("test_wait_seconds_bucket{le=\"1800\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("test_wait_seconds_bucket{le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("test_wait_seconds_sum 7200.35\n", text, StringComparison.Ordinal);
        Assert.Contains("test_wait_seconds_count 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_ObservableGauge_ShowsOnlyTheCurrentSeries()
    {
        using var services = Meters();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var exporter = new PrometheusExporter(factory);
        string[] backends = ["gpu-1", "gpu-2"];
        factory.Create("ComfyBot.Test").CreateObservableGauge("test.up", () => backends.Select(b => new Measurement<int>(1, new KeyValuePair<string, object?>("backend", b))));

        var first = exporter.Scrape();
        backends = ["gpu-1"];
        var second = exporter.Scrape();

        Assert.Contains("test_up{backend=\"gpu-2\"} 1\n", first, StringComparison.Ordinal);
        Assert.Contains("test_up{backend=\"gpu-1\"} 1\n", second, StringComparison.Ordinal);
        Assert.DoesNotContain("gpu-2", second, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_MeterOfAnotherFactory_IsNotIncluded()
    {
        using var mine = Meters();
        using var theirs = Meters();
        using var exporter = new PrometheusExporter(mine.GetRequiredService<IMeterFactory>());
        mine.GetRequiredService<IMeterFactory>().Create("ComfyBot.Same").CreateCounter<long>("same.count").Add(1);
        theirs.GetRequiredService<IMeterFactory>().Create("ComfyBot.Same").CreateCounter<long>("same.count").Add(100);

        Assert.Contains("same_count_total 1\n", exporter.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_LabelValue_IsEscaped()
    {
        using var services = Meters();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var exporter = new PrometheusExporter(factory);

        factory.Create("ComfyBot.Test").CreateCounter<long>("test.odd").Add(1, new KeyValuePair<string, object?>("name", "a\"b\\c\nd"));

        Assert.Contains("test_odd_total{name=\"a\\\"b\\\\c\\nd\"} 1\n", exporter.Scrape(), StringComparison.Ordinal);
    }

    private static ServiceProvider Meters() => new ServiceCollection().AddMetrics().BuildServiceProvider();
}

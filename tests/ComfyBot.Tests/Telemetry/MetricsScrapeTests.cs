using System.Diagnostics.Metrics;
using ComfyBot.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace ComfyBot.Tests.Telemetry;

/// <summary>
/// The bot's meters through OpenTelemetry's Prometheus exporter, scraped over loopback: the series names the hand-written
/// exporter wrote before (dots to underscores, <c>_seconds</c> for unit s, <c>_total</c> for counters), the bot's bounds.
/// </summary>
public sealed class MetricsScrapeTests
{
    [Fact]
    public async Task Scrape_Counter_SumsPerTagSetWithTotalSuffix()
    {
        await using var scrape = await Scraped.StartAsync();
        var counter = scrape.Meter("ComfyBot.Test").CreateCounter<long>("test.sent", "{edit}", "Edits \"sent\"");

        counter.Add(2, new KeyValuePair<string, object?>("kind", "final"));
        counter.Add(3, new KeyValuePair<string, object?>("kind", "final"));
        counter.Add(1, new KeyValuePair<string, object?>("kind", "progress"));

        var text = await scrape.GetAsync();
        Assert.Contains("# TYPE test_sent_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP test_sent_total Edits \"sent\"\n", text, StringComparison.Ordinal);
        Assert.Equal(5, Value(text, "test_sent_total{kind=\"final\"}"));
        Assert.Equal(1, Value(text, "test_sent_total{kind=\"progress\"}"));
    }

    [Fact]
    public async Task Scrape_SecondsHistogram_WritesCumulativeBucketsOfTheBotsBoundsSumAndCount()
    {
        await using var scrape = await Scraped.StartAsync();
        var histogram = scrape.Meter("ComfyBot.Test").CreateHistogram<double>("test.wait", "s");

        histogram.Record(0.05);
        histogram.Record(0.3);
        histogram.Record(7200);

        var text = await scrape.GetAsync();
        Assert.Contains("# TYPE test_wait_seconds histogram", text, StringComparison.Ordinal);
        Assert.Equal(1, Value(text, "test_wait_seconds_bucket{le=\"0.1\"}"));
        Assert.Equal(1, Value(text, "test_wait_seconds_bucket{le=\"0.25\"}"));
        Assert.Equal(2, Value(text, "test_wait_seconds_bucket{le=\"0.5\"}"));
        Assert.Equal(2, Value(text, "test_wait_seconds_bucket{le=\"1800\"}"));
        Assert.Equal(3, Value(text, "test_wait_seconds_bucket{le=\"+Inf\"}"));
        Assert.Equal(7200.35, Value(text, "test_wait_seconds_sum"), 6);
        Assert.Equal(3, Value(text, "test_wait_seconds_count"));
    }

    [Fact]
    public async Task Scrape_ObservableGauge_IsReadAtEachScrape()
    {
        await using var scrape = await Scraped.StartAsync();
        var up = 1;
        scrape.Meter("ComfyBot.Test").CreateObservableGauge("test.up", () => new Measurement<int>(up, new KeyValuePair<string, object?>("backend", "gpu-1")));

        var first = await scrape.GetAsync();
        up = 0;
        var second = await scrape.GetAsync();

        Assert.Equal(1, Value(first, "test_up{backend=\"gpu-1\"}"));
        Assert.Equal(0, Value(second, "test_up{backend=\"gpu-1\"}"));
    }

    [Fact]
    public async Task Scrape_MeterOfAnotherBotInTheProcess_IsNotIncluded()
    {
        await using var mine = await Scraped.StartAsync();
        await using var theirs = await Scraped.StartAsync();
        mine.Meter("ComfyBot.Same").CreateCounter<long>("same.count").Add(1);
        theirs.Meter("ComfyBot.Same").CreateCounter<long>("same.count").Add(100);

        Assert.Equal(1, Value(await mine.GetAsync(), "same_count_total"));
        Assert.Equal(100, Value(await theirs.GetAsync(), "same_count_total"));
    }

    [Fact]
    public async Task Scrape_FrameworkMeters_AreLeftOut()
    {
        await using var scrape = await Scraped.StartAsync();
        scrape.Meter("System.Net.Http").CreateCounter<long>("http.client.requests").Add(1);

        Assert.DoesNotContain("http_client_requests", await scrape.GetAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_LabelValue_IsEscaped()
    {
        await using var scrape = await Scraped.StartAsync();

        scrape.Meter("ComfyBot.Test").CreateCounter<long>("test.odd").Add(1, new KeyValuePair<string, object?>("name", "a\"b\\c\nd"));

        Assert.Equal(1, Value(await scrape.GetAsync(), "test_odd_total{name=\"a\\\"b\\\\c\\nd\"}"));
    }

    internal static double Value(string text, string series)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new Xunit.Sdk.XunitException($"No series {series} in:\n{text}");
    }

    private sealed class Scraped : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

        private Scraped(WebApplication app) => _app = app;

        public static async Task<Scraped> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddMetrics();
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddBotMeters());
            var app = builder.Build();
            app.MapPrometheusScrapingEndpoint(TelemetryEndpoints.MetricsPath);
            await app.StartAsync();
            return new Scraped(app);
        }

        public Meter Meter(string name) => _app.Services.GetRequiredService<IMeterFactory>().Create(name);

        public async Task<string> GetAsync()
        {
            var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return ScrapeText.WithoutScope(await _http.GetStringAsync(new Uri(new Uri(address), TelemetryEndpoints.MetricsPath)));
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

using System.Diagnostics.Metrics;
using System.Text;

namespace ComfyBot.Telemetry;

/// <summary>
/// Collects this host's instruments (those of meters made by its <see cref="IMeterFactory"/>, so that two bots in one
/// process, as in the tests, never mix; and only meters named ComfyBot*) and writes them in Prometheus' text format. Counters and histograms add up
/// as measurements arrive; observable instruments are read at each scrape.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    /// <summary>Histogram bounds in seconds: from a quick step to a long SDXL batch.</summary>
    public static readonly IReadOnlyList<double> SecondsBounds = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

    private readonly IMeterFactory _scope;
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<Instrument, Dictionary<string, MetricSeries>> _series = [];

    public PrometheusExporter(IMeterFactory scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        _scope = scope;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // The bot's own meters only: the framework's (HttpClient, Kestrel) carry per-port labels that would
            // make a series per connection.
            if (ReferenceEquals(instrument.Meter.Scope, _scope) && instrument.Meter.Name.StartsWith("ComfyBot", StringComparison.Ordinal))
            {
                lock (_gate)
                {
                    _series.TryAdd(instrument, []);
                }

                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and renders every series.</summary>
    public string Scrape()
    {
        lock (_gate)
        {
            // Gauges show what is now: a backend removed or a state emptied must not keep its old value.
            foreach (var (instrument, series) in _series)
            {
                if (instrument is ObservableGauge<long> or ObservableGauge<int> or ObservableGauge<double>)
                {
                    series.Clear();
                }
            }
        }

        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach (var (instrument, series) in _series.OrderBy(p => p.Key.Name, StringComparer.Ordinal))
            {
                PrometheusText.Write(text, instrument, series.Values, SecondsBounds);
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = new(tags[i].Key, Convert.ToString(tags[i].Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
        }

        Array.Sort(labels, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var key = string.Join('\u001f', labels.Select(l => l.Key + "=" + l.Value));
        lock (_gate)
        {
            if (!_series.TryGetValue(instrument, out var all))
            {
                return;
            }

            if (!all.TryGetValue(key, out var series))
            {
                series = new MetricSeries(labels, SecondsBounds.Count);
                all[key] = series;
            }

            switch (PrometheusText.KindOf(instrument))
            {
                case MetricKind.Histogram:
                    series.Observe(value, SecondsBounds);
                    break;
                case MetricKind.Counter or MetricKind.Gauge when instrument.IsObservable:
                    // Observable instruments report the current value or running total.
                    series.Value = value;
                    break;
                default:
                    series.Value += value;
                    break;
            }
        }
    }
}

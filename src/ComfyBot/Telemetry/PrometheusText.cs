using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace ComfyBot.Telemetry;

/// <summary>Prometheus' text exposition format (version 0.0.4) for one instrument.</summary>
internal static class PrometheusText
{
    /// <summary>The Content-Type of a scrape.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static MetricKind KindOf(Instrument instrument) => instrument switch
    {
        Histogram<double> or Histogram<long> or Histogram<int> => MetricKind.Histogram,
        Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => MetricKind.Counter,
        _ => MetricKind.Gauge,
    };

    /// <summary>The Prometheus name: dots become underscores, seconds get <c>_seconds</c>, counters <c>_total</c>.</summary>
    public static string NameOf(Instrument instrument)
    {
        var name = new StringBuilder(Sanitize(instrument.Name));

        if (instrument.Unit == "s" && !instrument.Name.EndsWith("seconds", StringComparison.Ordinal))
        {
            name.Append("_seconds");
        }

        if (KindOf(instrument) == MetricKind.Counter)
        {
            name.Append("_total");
        }

        return name.ToString();
    }

    public static void Write(StringBuilder text, Instrument instrument, IEnumerable<MetricSeries> series, IReadOnlyList<double> bounds)
    {
        var name = NameOf(instrument);
        var kind = KindOf(instrument);
        text.Append("# HELP ").Append(name).Append(' ').Append(Escape(instrument.Description ?? instrument.Name, label: false)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');
        foreach (var one in series.OrderBy(s => string.Join(',', s.Labels.Select(l => l.Value)), StringComparer.Ordinal))
        {
            if (kind != MetricKind.Histogram)
            {
                Line(text, name, one.Labels, null, one.Value);
                continue;
            }

            long cumulative = 0;
            for (var i = 0; i < bounds.Count; i++)
            {
                cumulative += one.BucketCounts[i];
                Line(text, name + "_bucket", one.Labels, Number(bounds[i]), cumulative);
            }

            Line(text, name + "_bucket", one.Labels, "+Inf", one.Count);
            Line(text, name + "_sum", one.Labels, null, one.Sum);
            Line(text, name + "_count", one.Labels, null, one.Count);
        }
    }

    private static void Line(StringBuilder text, string name, KeyValuePair<string, string>[] labels, string? le, double value)
    {
        text.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{');
            var first = true;
            foreach (var (key, label) in labels)
            {
                text.Append(first ? string.Empty : ",").Append(Sanitize(key)).Append("=\"").Append(Escape(label, label: true)).Append('"');
                first = false;
            }

            if (le is not null)
            {
                text.Append(first ? string.Empty : ",").Append("le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    /// <summary>Prometheus names allow letters, digits and '_' only: OpenTelemetry's dotted names become underscored.</summary>
    public static string Sanitize(string name) =>
        string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterOrDigit(source[i]) ? source[i] : '_';
            }
        });

    private static string Number(double value) => double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value, bool label)
    {
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return label ? escaped.Replace("\"", "\\\"", StringComparison.Ordinal) : escaped;
    }
}

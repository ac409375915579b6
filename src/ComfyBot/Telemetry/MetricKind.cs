namespace ComfyBot.Telemetry;

/// <summary>How an instrument is exposed to Prometheus.</summary>
internal enum MetricKind
{
    /// <summary>Only goes up; exposed with a <c>_total</c> suffix.</summary>
    Counter,

    /// <summary>A current value (gauges and up/down counters).</summary>
    Gauge,

    /// <summary>Buckets, sum and count.</summary>
    Histogram,
}

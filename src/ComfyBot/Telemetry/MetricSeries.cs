namespace ComfyBot.Telemetry;

/// <summary>One instrument's values for one set of tags: a sum or last value, or a histogram's buckets.</summary>
internal sealed class MetricSeries(KeyValuePair<string, string>[] labels, int buckets)
{
    private readonly long[] _bucketCounts = new long[buckets + 1];

    /// <summary>The tags, sorted by key.</summary>
    public KeyValuePair<string, string>[] Labels { get; } = labels;

    /// <summary>A counter's sum, or a gauge's (observable counter's) last value.</summary>
    public double Value { get; set; }

    /// <summary>How many measurements a histogram received.</summary>
    public long Count { get; private set; }

    /// <summary>A histogram's sum of measurements.</summary>
    public double Sum { get; private set; }

    /// <summary>Per bucket (not cumulative), the last one counting values above every bound.</summary>
    public IReadOnlyList<long> BucketCounts => _bucketCounts;

    /// <summary>Adds one histogram measurement.</summary>
    public void Observe(double value, IReadOnlyList<double> bounds)
    {
        var index = 0;
        while (index < bounds.Count && value > bounds[index])
        {
            index++;
        }

        _bucketCounts[index]++;
        Count++;
        Sum += value;
    }
}

using System.Diagnostics.Metrics;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using Moq;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobMetricsTests
{
    [Fact]
    public void JobsGauge_ReportsEachActiveStateIncludingZeros()
    {
        using var meters = new ScopedMeterFactory();
        using var metrics = new JobMetrics(meters, () => [JobState.Waiting, JobState.Waiting, JobState.Running]);
        var seen = new Dictionary<string, int>();
        using var listener = meters.Listen<int>("comfybot.jobs", (value, tags) => seen[(string)tags["state"]!] = value);

        listener.RecordObservableInstruments();

        Assert.Equal(new Dictionary<string, int> { ["waiting"] = 2, ["submitted"] = 0, ["running"] = 1 }, seen);
    }

    [Fact]
    public void Histograms_RecordSecondsAndNeverNegative()
    {
        using var meters = new ScopedMeterFactory();
        using var metrics = new JobMetrics(meters, () => []);
        var waits = new List<double>();
        using var listener = meters.Listen<double>("comfybot.job.queue_wait", (value, _) => waits.Add(value));

        metrics.QueueWait(TimeSpan.FromMilliseconds(1500));
        metrics.QueueWait(TimeSpan.FromSeconds(-1));

        Assert.Equal([1.5, 0], waits);
    }

    [Fact]
    public async Task CountingView_CountsSentEditsByKindButNotRateLimitedOnes()
    {
        using var meters = new ScopedMeterFactory();
        using var metrics = new JobMetrics(meters, () => []);
        var edits = new List<string>();
        using var listener = meters.Listen<long>("comfybot.reply.edits", (_, tags) => edits.Add((string)tags["kind"]!));
        var inner = new Mock<IJobView>();
        inner.SetupSequence(v => v.ShowAsync(It.IsAny<ReplyState>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(ReplySendResult.Sent)
            .ReturnsAsync(ReplySendResult.RateLimited(TimeSpan.FromSeconds(1)))
            .ReturnsAsync(ReplySendResult.Sent);
        var view = new CountingJobView(inner.Object, metrics);

        await view.ShowAsync(ReplyState.Progress("step 1/2"), default);
        await view.ShowAsync(ReplyState.Progress("step 2/2"), default);
        await view.ShowAsync(ReplyState.Final("done"), default);

        Assert.Equal(["progress", "final"], edits);
    }

    /// <summary>Meters scoped to this factory, so that parallel tests' job services never reach the listener.</summary>
    private sealed class ScopedMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            _meters.Add(meter);
            return meter;
        }

        public MeterListener Listen<T>(string instrumentName, Action<T, Dictionary<string, object?>> onMeasurement)
            where T : struct
        {
            var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (ReferenceEquals(instrument.Meter.Scope, this) && instrument.Name == instrumentName)
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<T>((_, value, tags, _) => onMeasurement(value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            listener.Start();
            return listener;
        }

        public void Dispose()
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}

using ComfyBot.Core.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Scheduling;

public sealed class EtaEstimatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void NoData_NoEstimate()
    {
        var eta = new EtaEstimator(_time);

        Assert.Null(eta.EstimateStart(1, [new BackendActivity("gpu0", 1)]));
        Assert.Null(eta.EstimateRun("txt2img"));
        Assert.Empty(eta.Stats());
    }

    [Fact]
    public void NoBackends_NoEstimate()
    {
        var eta = new EtaEstimator(_time);
        eta.Record(new FinishedRun("txt2img", "gpu0", S(1), S(10)));

        Assert.Null(eta.EstimateStart(1, []));
    }

    [Fact]
    public void OneIdleBackend_PositionKWaitsForTheKMinusOneAhead()
    {
        var eta = new EtaEstimator(_time);
        eta.Record(new FinishedRun("txt2img", "gpu0", S(1), S(10)));
        eta.Record(new FinishedRun("txt2img", "gpu0", S(3), S(20)));
        BackendActivity[] idle = [new("gpu0", 0)];

        Assert.Equal(TimeSpan.Zero, eta.EstimateStart(1, idle));
        Assert.Equal(S(45), eta.EstimateStart(4, idle));
    }

    [Fact]
    public void InFlight_RunningPromptCountsWhatIsLeftOfIt()
    {
        var eta = new EtaEstimator(_time);
        eta.Record(new FinishedRun("txt2img", "gpu0", S(0), S(20)));

        Assert.Equal(S(10), eta.EstimateStart(1, [new BackendActivity("gpu0", 1)]));
        Assert.Equal(S(15 + 20), eta.EstimateStart(1, [new BackendActivity("gpu0", 2, _time.GetUtcNow() - S(5))]));
        Assert.Equal(TimeSpan.Zero, eta.EstimateStart(1, [new BackendActivity("gpu0", 1, _time.GetUtcNow() - S(60))]));
    }

    [Fact]
    public void SeveralBackends_ShareTheJobsAhead()
    {
        var eta = new EtaEstimator(_time);
        eta.Record(new FinishedRun("txt2img", "gpu0", S(0), S(10)));
        eta.Record(new FinishedRun("txt2img", "gpu1", S(0), S(10)));
        BackendActivity[] two = [new("gpu0", 0), new("gpu1", 0)];

        Assert.Equal(TimeSpan.Zero, eta.EstimateStart(2, two));
        Assert.Equal(S(10), eta.EstimateStart(3, two));
        Assert.Equal(S(20), eta.EstimateStart(5, two));
    }

    [Fact]
    public void WorkflowsAhead_UseTheirOwnDurations()
    {
        var eta = new EtaEstimator(_time);
        eta.Record(new FinishedRun("txt2img", "gpu0", S(0), S(10)));
        eta.Record(new FinishedRun("hires", "gpu0", S(0), S(50)));

        Assert.Equal(S(60), eta.EstimateStart(3, [new BackendActivity("gpu0", 0)], ["hires", "txt2img"]));
        // Fewer names than jobs ahead: the rest count as a typical job (30 s here).
        Assert.Equal(S(50 + 30 + 30), eta.EstimateStart(4, [new BackendActivity("gpu0", 0)], ["hires"]));
    }

    [Fact]
    public void BackendSpeed_ScalesAWorkflowsDuration()
    {
        var eta = new EtaEstimator(_time);
        eta.Record(new FinishedRun("txt2img", "fast", S(0), S(10)));
        eta.Record(new FinishedRun("txt2img", "slow", S(0), S(30)));
        eta.Record(new FinishedRun("hires", "fast", S(0), S(20)));
        eta.Record(new FinishedRun("hires", "slow", S(0), S(60)));

        // Overall 30 s; fast averages 15 s (half), slow 45 s (one and a half).
        Assert.Equal(S(20), eta.EstimateRun("txt2img"));
        Assert.Equal(S(10), eta.EstimateRun("txt2img", "fast"));
        Assert.Equal(S(60), eta.EstimateRun("hires", "slow"));
        Assert.Equal(S(45), eta.EstimateRun("upscale", "slow"));
        Assert.Equal(S(30), eta.EstimateRun("upscale", "unknown"));
    }

    [Fact]
    public void Window_KeepsOnlyTheLastN()
    {
        var eta = new EtaEstimator(_time, window: 3);
        foreach (var seconds in new[] { 100, 10, 10, 10 })
        {
            eta.Record(new FinishedRun("txt2img", "gpu0", S(seconds / 10.0), S(seconds)));
        }

        Assert.Equal(S(10), eta.EstimateRun("txt2img", "gpu0"));
        Assert.Equal(new BackendStats("gpu0", 3, S(10), S(1)), eta.Stats().Single());
    }
}

using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Tests.Store;
using ComfyBot.Core.Usage;

namespace ComfyBot.Core.Tests.Usage;

/// <summary>
/// The GPU time of one attempt is the time that really ran: the server's own timestamps when it reported both ends,
/// else up to the bot's stop (cancel, interrupt) or up to the last time the bot heard the run (a server that died).
/// </summary>
public sealed class GpuMeterTests
{
    private static readonly DateTimeOffset BotStart = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static Job Running(int attempts = 1) => StoreFolder.NewJob() with
    {
        Id = 7,
        State = JobState.Running,
        Backend = "gpu-1",
        Attempts = attempts,
        StartedAt = BotStart,
    };

    [Fact]
    public void Measure_ServerReportedStartAndEnd_CountsExactlyTheServersTime()
    {
        // The server's clock is 3 hours off the bot's: only its own difference counts.
        var serverStart = new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero);
        var times = new RunTimes(serverStart, serverStart.AddMilliseconds(12_345), BotStart.AddSeconds(20));

        var run = GpuMeter.Measure(Running(), times, stoppedHere: false, BotStart.AddSeconds(30));

        Assert.NotNull(run);
        Assert.Equal(TimeSpan.FromMilliseconds(12_345), run.GpuTime);
        Assert.Equal(GpuMeasure.Reported, run.Measure);
        Assert.Equal((7L, 1, "gpu-1"), (run.JobId, run.Attempt, run.Backend));
        Assert.Equal(BotStart.AddSeconds(30), run.EndedAt);
    }

    [Fact]
    public void Measure_CancelledWhileRunning_CountsUpToTheStop()
    {
        var times = new RunTimes(BotStart, null, BotStart.AddSeconds(4));

        var run = GpuMeter.Measure(Running(), times, stoppedHere: true, BotStart.AddSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(5), run!.GpuTime);
        Assert.Equal(GpuMeasure.UntilStopped, run.Measure);
    }

    [Fact]
    public void Measure_ServerDiedMidRun_CountsOnlyUpToTheLastTimeItWasHeard()
    {
        // Heard at 6 s; the bot noticed the loss at 40 s: the 34 s in between never ran as far as anyone can say.
        var times = new RunTimes(BotStart, null, BotStart.AddSeconds(6));

        var run = GpuMeter.Measure(Running(), times, stoppedHere: false, BotStart.AddSeconds(40));

        Assert.Equal(TimeSpan.FromSeconds(6), run!.GpuTime);
        Assert.Equal(GpuMeasure.UntilLastHeard, run.Measure);
    }

    [Fact]
    public void Measure_ReattachedAfterARestartAndNeverHeard_CountsNothingItCannotVouchFor()
    {
        var run = GpuMeter.Measure(Running(attempts: 2), null, stoppedHere: false, BotStart.AddMinutes(5));

        Assert.Equal(TimeSpan.Zero, run!.GpuTime);
        Assert.Equal(2, run.Attempt);
    }

    [Fact]
    public void Measure_AttemptThatNeverStartedOnTheServer_HasNoRun()
    {
        var submitted = Running() with { State = JobState.Submitted, StartedAt = null };
        var waiting = Running() with { State = JobState.Waiting, Backend = null, StartedAt = null };

        Assert.Null(GpuMeter.Measure(submitted, RunTimes.None, stoppedHere: true, BotStart));
        Assert.Null(GpuMeter.Measure(waiting, null, stoppedHere: true, BotStart));
    }

    [Fact]
    public void Measure_SubmittedButTheServerFinishedItUnseen_UsesTheServersTimes()
    {
        // The bot was down while the run went by; history gave both timestamps.
        var submitted = Running() with { State = JobState.Submitted, StartedAt = null };
        var times = new RunTimes(BotStart, BotStart.AddSeconds(9), null);

        var run = GpuMeter.Measure(submitted, times, stoppedHere: false, BotStart.AddMinutes(3));

        Assert.Equal(TimeSpan.FromSeconds(9), run!.GpuTime);
        Assert.Equal(GpuMeasure.Reported, run.Measure);
    }

    [Fact]
    public void Measure_EndBeforeStart_IsNotTakenAsReported()
    {
        var times = new RunTimes(BotStart, BotStart.AddSeconds(-1), BotStart.AddSeconds(3));

        var run = GpuMeter.Measure(Running(), times, stoppedHere: false, BotStart.AddSeconds(4));

        Assert.Equal(GpuMeasure.UntilLastHeard, run!.Measure);
        Assert.Equal(TimeSpan.FromSeconds(3), run.GpuTime);
    }
}

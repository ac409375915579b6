using ComfyBot.Hosting;
using ComfyBot.Testing;
using ComfyBot.Tests.Logging;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Tests.Hosting;

public sealed class IdleMemoryTrimTests
{
    private const long MB = 1024 * 1024;

    [Fact]
    public void Policy_AfterABusySpell_CollectsOnceWhenQuietForThreeChecks_AndNotAgainAtIdle()
    {
        var policy = new IdleTrimPolicy(allocatedAtStart: 100 * MB);

        Assert.Null(policy.Observe(120 * MB)); // the burst
        Assert.Null(policy.Observe(120 * MB));
        Assert.Null(policy.Observe(120 * MB));
        Assert.Equal(20 * MB, policy.Observe(120 * MB)); // third quiet check in a row

        for (var check = 0; check < 20; check++)
        {
            Assert.Null(policy.Observe(120 * MB + (check * 1024)));
        }
    }

    [Fact]
    public void Policy_NeverCollectsWhileBusy_OnlyOnceTheSpellIsOver()
    {
        var policy = new IdleTrimPolicy(0);
        long allocated = 0;
        for (var check = 0; check < 30; check++)
        {
            allocated += 2 * MB; // replies going out the whole time
            Assert.Null(policy.Observe(allocated));
        }

        Assert.Null(policy.Observe(allocated));
        Assert.Null(policy.Observe(allocated));
        Assert.Equal(60 * MB, policy.Observe(allocated));
    }

    [Fact]
    public void Policy_AnIdleBotsTrickle_IsCollectedOncePerBusySpellsWorth_NotAtEveryQuietCheck()
    {
        var policy = new IdleTrimPolicy(0);
        var trims = new List<int>();
        for (var check = 1; check <= 500; check++)
        {
            // Heartbeats and server polls: 100 KB a check, every check quiet, 50 MB over the run.
            if (policy.Observe(check * 100L * 1024) is not null)
            {
                trims.Add(check);
            }
        }

        Assert.Equal([82, 164, 246, 328, 410, 492], trims);
    }

    [Fact]
    public async Task Service_QuietAfterABurst_ReturnsTheFreeMemoryOnce_AndSaysSoInTheLog()
    {
        var time = new TimerWatchingClock();
        var memory = new CountingMemory { Allocated = 50 * MB };
        var log = new CapturedLog();
        using var logs = new LoggerFactory([log]);
        using var trim = new IdleMemoryTrim(time, memory, logs.CreateLogger<IdleMemoryTrim>());
        await trim.StartAsync(CancellationToken.None);
        await time.WaitForTimerAsync(IdleMemoryTrim.CheckEvery); // the loop runs on its own thread since .NET 10

        memory.Allocated += 30 * MB; // a burst of commands
        for (var check = 1; check <= 6; check++)
        {
            var reads = memory.Reads;
            time.Advance(IdleMemoryTrim.CheckEvery);
            await Polling.UntilAsync(() => memory.Reads > reads);
        }

        await trim.StopAsync(CancellationToken.None);
        Assert.Equal(1, memory.Returns);
        var line = Assert.Single(log.Entries, e => e.Contains("Quiet after a busy spell", StringComparison.Ordinal));
        Assert.Contains("(30 MB allocated)", line, StringComparison.Ordinal);
        Assert.Contains("resident 90 -> 60 MB", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_AfterItsCollection_LogsTheLiveManagedHeapTheCollectionLeft()
    {
        var time = new TimerWatchingClock();
        var memory = new CountingMemory { Allocated = 50 * MB };
        var log = new CapturedLog();
        using var logs = new LoggerFactory([log]);
        using var trim = new IdleMemoryTrim(time, memory, logs.CreateLogger<IdleMemoryTrim>());
        await trim.StartAsync(CancellationToken.None);
        await time.WaitForTimerAsync(IdleMemoryTrim.CheckEvery);

        memory.Allocated += 30 * MB;
        for (var check = 1; check <= 4; check++)
        {
            var reads = memory.Reads;
            time.Advance(IdleMemoryTrim.CheckEvery);
            await Polling.UntilAsync(() => memory.Reads > reads);
        }

        await trim.StopAsync(CancellationToken.None);
        var line = Assert.Single(log.Entries, e => e.Contains("Quiet after a busy spell", StringComparison.Ordinal));

        // The reading after the collection (12.34 MB), to 10 KB: what queue-memory --bot weighs a queued job with.
        Assert.Contains("live managed heap 12.34 MB", line, StringComparison.Ordinal);
    }

    private sealed class CountingMemory : IManagedMemory
    {
        private long _allocated;
        private int _reads;

        public long Allocated { get => Interlocked.Read(ref _allocated); set => Interlocked.Exchange(ref _allocated, value); }

        public int Reads => Volatile.Read(ref _reads);

        public int Returns { get; private set; }

        public long AllocatedBytes
        {
            get
            {
                Interlocked.Increment(ref _reads);
                return Allocated;
            }
        }

        public ManagedMemoryReading Read() => Returns == 0 ? new(90 * MB, 40 * MB, 35 * MB) : new(60 * MB, 10 * MB, (long)(12.34 * MB));

        public void ReturnFreeMemory() => Returns++;
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Hosting;

/// <summary>
/// Gives the memory of a busy spell back to the system once the bot has been quiet for a while. The GC keeps the
/// memory it grew into during a burst of commands (measured with ack-side-by-side: 12-13 MB over idle, in its own
/// committed regions, with 8 MB of live objects), and an idle process runs no collections that would return it, so
/// without this the resident size of a bot that had one busy evening stays at that evening's level.
/// </summary>
internal sealed partial class IdleMemoryTrim(TimeProvider time, IManagedMemory memory, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    /// <summary>How often the allocation count is read: cheap, so the quiet spell is measured to within this.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    private readonly IdleTrimPolicy _policy = new(memory.AllocatedBytes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (_policy.Observe(memory.AllocatedBytes) is { } busySpell)
                {
                    Trim(busySpell);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Trim(long busySpell)
    {
        var before = memory.Read();
        memory.ReturnFreeMemory();
        var after = memory.Read();

        // The live heap to 10 KB: the one reading of what the bot holds that needs no debugger, and fine enough for
        // queue-memory --bot to weigh a queued job from outside (a difference over thousands of jobs).
        LogTrimmed(logger, Megabytes(busySpell), Megabytes(before.Resident), Megabytes(after.Resident), Megabytes(before.Committed), Megabytes(after.Committed), Megabytes(after.LiveHeap, decimals: 2));
    }

    private static double Megabytes(long bytes, int decimals = 1) => Math.Round(bytes / (1024.0 * 1024.0), decimals);

    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Quiet after a busy spell ({Allocated} MB allocated): collected and returned the GC's free memory; resident {ResidentBefore} -> {ResidentAfter} MB, GC committed {CommittedBefore} -> {CommittedAfter} MB, live managed heap {LiveHeap} MB.")]
    private static partial void LogTrimmed(ILogger logger, double allocated, double residentBefore, double residentAfter, double committedBefore, double committedAfter, double liveHeap);
}

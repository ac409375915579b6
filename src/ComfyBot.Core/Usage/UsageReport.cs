using ComfyBot.Core.Store;

namespace ComfyBot.Core.Usage;

/// <summary>
/// Who used the GPU servers in a period and how: per member (jobs, runs, GPU time), per backend (runs, GPU time), and
/// the busiest hours of the day (by GPU time, in the quota time zone, by when runs ended), for /comfy-admin usage.
/// </summary>
public sealed record UsageReport(IReadOnlyList<MemberUsageLine> Members, IReadOnlyList<BackendUsageLine> Backends, IReadOnlyList<HourUsageLine> BusiestHours)
{
    /// <summary>How many busiest hours are listed.</summary>
    public const int HoursShown = 3;

    /// <summary>Every member's jobs.</summary>
    public int TotalJobs => Members.Sum(m => m.Jobs);

    /// <summary>Every run's GPU time.</summary>
    public TimeSpan TotalGpu => Backends.Aggregate(TimeSpan.Zero, (sum, b) => sum + b.GpuTime);

    /// <summary>Reads the period [<paramref name="from"/>, <paramref name="to"/>) from the store.</summary>
    public static async Task<UsageReport> ReadAsync(UsageStore store, QuotaCalendar calendar, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var runs = await store.ListGpuRunsAsync(from, to, cancellationToken);
        var jobs = await store.CountJobsByMemberAsync(from, to, cancellationToken);
        return Build(runs, jobs, calendar);
    }

    /// <summary>The report of these runs and job counts.</summary>
    public static UsageReport Build(IReadOnlyList<GpuRun> runs, IReadOnlyList<(ulong MemberId, string Name, int Jobs)> jobs, QuotaCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(calendar);
        var members = new Dictionary<ulong, MemberUsageLine>();
        foreach (var (memberId, name, count) in jobs)
        {
            members[memberId] = new MemberUsageLine(memberId, name, count, 0, TimeSpan.Zero);
        }

        foreach (var run in runs)
        {
            var line = members.TryGetValue(run.OwnerId, out var known) ? known : new MemberUsageLine(run.OwnerId, run.OwnerName, 0, 0, TimeSpan.Zero);
            members[run.OwnerId] = line with { Runs = line.Runs + 1, GpuTime = line.GpuTime + run.GpuTime };
        }

        var backends = runs
            .GroupBy(r => r.Backend, StringComparer.Ordinal)
            .Select(g => new BackendUsageLine(g.Key, g.Count(), Sum(g)))
            .OrderByDescending(b => b.GpuTime).ThenBy(b => b.Backend, StringComparer.Ordinal)
            .ToList();
        var hours = runs
            .GroupBy(r => calendar.HourOf(r.EndedAt))
            .Select(g => new HourUsageLine(g.Key, g.Count(), Sum(g)))
            .OrderByDescending(h => h.GpuTime).ThenByDescending(h => h.Runs).ThenBy(h => h.Hour)
            .Take(HoursShown)
            .ToList();
        var ordered = members.Values
            .OrderByDescending(m => m.GpuTime).ThenByDescending(m => m.Jobs).ThenBy(m => m.MemberId)
            .ToList();
        return new UsageReport(ordered, backends, hours);
    }

    private static TimeSpan Sum(IEnumerable<GpuRun> runs) => runs.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.GpuTime);
}

/// <summary>One member's line: jobs counted against quotas, GPU runs, and their GPU time.</summary>
public sealed record MemberUsageLine(ulong MemberId, string Name, int Jobs, int Runs, TimeSpan GpuTime);

/// <summary>One backend's line: its runs and their GPU time.</summary>
public sealed record BackendUsageLine(string Backend, int Runs, TimeSpan GpuTime);

/// <summary>One hour of the day (0-23, quota time zone): runs that ended in it and their GPU time.</summary>
public sealed record HourUsageLine(int Hour, int Runs, TimeSpan GpuTime);

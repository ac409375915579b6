using System.Globalization;
using System.Text;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;
using ComfyBot.Core.Usage;

namespace ComfyBot.SlashCommands.Member;

/// <summary>
/// /usage: the member's own jobs and GPU time today and this week, their jobs' places in line now, and what is left of
/// their daily quotas when one applies; ephemerally.
/// </summary>
internal sealed class UsageCommand(UsageStore usage, JobService jobs, JobPolicy policy) : ISlashCommand
{
    public string Route => "usage";

    public async Task HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var now = invocation.Time.GetUtcNow();
        var day = policy.Calendar.Day(now);
        var week = policy.Calendar.Week(now);
        var today = await usage.GetUsageAsync(invocation.MemberId, day.Start, day.End, cancellationToken);
        var thisWeek = await usage.GetUsageAsync(invocation.MemberId, week.Start, week.End, cancellationToken);
        var limits = policy.Resolve(invocation.MemberId, invocation.RoleIds);
        await invocation.TellAsync(Describe(today, thisWeek, limits, invocation.MemberId), cancellationToken);
    }

    private string Describe(MemberUsage today, MemberUsage week, MemberLimits limits, ulong memberId)
    {
        var zone = policy.Calendar.Zone.Id;
        var text = new StringBuilder("**Your usage**\n");
        text.Append(CultureInfo.InvariantCulture, $"Today: {Jobs(today.Jobs)} · {JobPolicy.FormatGpu(today.GpuTime)} of GPU time\n");
        text.Append(CultureInfo.InvariantCulture, $"This week (since Monday): {Jobs(week.Jobs)} · {JobPolicy.FormatGpu(week.GpuTime)} of GPU time\n");
        text.Append(Quota(today, limits)).Append('\n');

        var all = jobs.ListQueue();
        var waiting = all.Count(e => e.Position is not null);
        var mine = all.Where(e => e.Job.Owner.MemberId == memberId).ToList();
        if (mine.Count == 0)
        {
            text.Append("In line now: nothing waiting or running.");
        }
        else
        {
            text.Append("In line now: ").AppendJoin("; ", mine.Select(e => $"`{e.Job.DisplayId}` {QueueText.Where(e, waiting)}"));
        }

        if (jobs.IsPaused)
        {
            text.Append("\n⏸️ An admin has paused the queue: waiting jobs start when it resumes.");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n-# Days start at midnight {zone}; a job cancelled before it began is not counted.");
        return text.ToString();
    }

    private string Quota(MemberUsage today, MemberLimits limits)
    {
        if (limits.IsAdmin)
        {
            return "Daily quota: none (admins are exempt).";
        }

        if (limits is { JobsPerDay: null, GpuSecondsPerDay: null })
        {
            return "Daily quota: none.";
        }

        var parts = new List<string>();
        if (limits.JobsPerDay is { } jobsLimit)
        {
            var left = Math.Max(0, jobsLimit.Value - today.Jobs);
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{left} of {jobsLimit.Value} jobs left"));
        }

        if (limits.GpuSecondsPerDay is { } gpuLimit)
        {
            var limit = TimeSpan.FromSeconds(gpuLimit.Value);
            var left = limit > today.GpuTime ? limit - today.GpuTime : TimeSpan.Zero;
            parts.Add($"{JobPolicy.FormatGpu(left)} of {JobPolicy.FormatGpu(limit)} GPU time left");
        }

        return $"Daily quota: {string.Join(" · ", parts)}; resets {policy.ResetText()}";
    }

    private static string Jobs(int count) => count == 1 ? "1 job" : string.Create(CultureInfo.InvariantCulture, $"{count} jobs");
}

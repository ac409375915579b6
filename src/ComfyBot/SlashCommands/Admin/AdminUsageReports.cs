using ComfyBot.Core.Policies;
using ComfyBot.Core.Store;
using ComfyBot.Core.Usage;
using ComfyBot.Discord.Messages;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>Reads a period's usage from the store and renders one page of it: shared by the command and its buttons.</summary>
internal sealed class AdminUsageReports(UsageStore usage, JobPolicy policy)
{
    /// <summary>Page <paramref name="page"/> of the period's report, read from the store now.</summary>
    public async Task<MessageBody> RenderAsync(string period, int page, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (from, to) = period == AdminUsagePage.Week ? policy.Calendar.Week(now) : policy.Calendar.Day(now);
        var report = await UsageReport.ReadAsync(usage, policy.Calendar, from, to, cancellationToken);
        return AdminUsagePage.Render(report, period, policy.Calendar.Zone.Id, page);
    }
}

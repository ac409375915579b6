using System.Globalization;
using System.Text;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Usage;
using ComfyBot.Discord.Messages;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>
/// One page of /comfy-admin usage: the period's totals, each backend, the busiest hours, and the members (most GPU
/// time first, <see cref="PageSize"/> a page); Previous / Refresh / Next buttons carry the period and the page they
/// show (<c>admin-usage:&lt;period&gt;:&lt;page&gt;</c>), as the admin queue's do.
/// </summary>
internal static class AdminUsagePage
{
    /// <summary>The custom id prefix of the paging buttons.</summary>
    public const string Prefix = "admin-usage";

    /// <summary>The periods the command offers.</summary>
    public const string Today = "today";

    /// <inheritdoc cref="Today"/>
    public const string Week = "week";

    public const int PageSize = 10;

    /// <summary>Backend lines shown at most; the rest are summed in one line (the message has 2,000 characters).</summary>
    private const int MaxBackends = 8;

    private const int MaxLine = 150;

    /// <summary>The message for 1-based <paramref name="page"/> (clamped to the pages there are).</summary>
    public static MessageBody Render(UsageReport report, string period, string zone, int page)
    {
        ArgumentNullException.ThrowIfNull(report);
        var pages = AdminPager.Pages(report.Members.Count, PageSize);
        page = AdminPager.Clamp(page, pages);
        var text = new StringBuilder();
        var title = period == Week ? "this week (since Monday)" : "today";
        text.Append(CultureInfo.InvariantCulture, $"**Usage {title}** · {report.TotalJobs} jobs · {JobPolicy.FormatGpu(report.TotalGpu)} of GPU time · {report.Members.Count} members · page {page}/{pages}\n");

        if (report.Backends.Count == 0)
        {
            text.Append("Backends: no GPU time yet.\n");
        }
        else
        {
            var shown = report.Backends.Take(MaxBackends).Select(b => string.Create(CultureInfo.InvariantCulture, $"{MemberText.Cut(b.Backend, 40)} {JobPolicy.FormatGpu(b.GpuTime)} ({b.Runs} runs)")).ToList();
            if (report.Backends.Count > MaxBackends)
            {
                shown.Add(string.Create(CultureInfo.InvariantCulture, $"{report.Backends.Count - MaxBackends} more"));
            }

            text.Append("Backends: ").AppendJoin(" · ", shown).Append('\n');
        }

        if (report.BusiestHours.Count > 0)
        {
            text.Append("Busiest hours: ")
                .AppendJoin(" · ", report.BusiestHours.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Hour:00}:00–{(h.Hour + 1) % 24:00}:00 {JobPolicy.FormatGpu(h.GpuTime)}")))
                .Append(CultureInfo.InvariantCulture, $" ({zone})\n");
        }

        if (report.Members.Count == 0)
        {
            text.Append("No member has used the GPU servers in this period.");
        }

        var rank = (page - 1) * PageSize;
        foreach (var member in report.Members.Skip(rank).Take(PageSize))
        {
            rank++;
            text.Append(MemberText.Cut(string.Create(CultureInfo.InvariantCulture, $"{rank}. **{MemberText.Escape(MemberText.Cut(member.Name, 33))}** (<@{member.MemberId}>) · {member.Jobs} jobs · {JobPolicy.FormatGpu(member.GpuTime)} in {member.Runs} runs"), MaxLine)).Append('\n');
        }

        return new MessageBody
        {
            Content = text.ToString().TrimEnd(),
            Components = [AdminPager.Buttons($"{Prefix}:{period}", page, pages)],
        };
    }
}

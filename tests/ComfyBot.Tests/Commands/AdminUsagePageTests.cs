using ComfyBot.Core.Usage;
using ComfyBot.SlashCommands.Admin;

namespace ComfyBot.Tests.Commands;

/// <summary>/comfy-admin usage: the report's sums and order, its pages, and a page that always fits one message.</summary>
public sealed class AdminUsagePageTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly QuotaCalendar Utc = new(TimeZoneInfo.Utc);

    private static GpuRun Run(ulong member, string backend, double seconds, int hour, int attempt = 1, long job = 1) =>
        new(job, attempt, member, $"member{member}", backend, Noon.Date.AddHours(hour), TimeSpan.FromSeconds(seconds), GpuMeasure.Reported);

    [Fact]
    public void Build_SumsPerMemberAndBackend_AndRanksTheBusiestHoursByGpuTime()
    {
        GpuRun[] runs =
        [
            Run(1, "gpu-1", 30, 9), Run(1, "gpu-2", 10, 9, attempt: 2),
            Run(2, "gpu-1", 100, 21, job: 2),
            Run(3, "gpu-2", 5, 3, job: 3), Run(3, "gpu-2", 5, 4, job: 4), Run(3, "gpu-2", 5, 5, job: 5),
        ];

        var report = UsageReport.Build(runs, [(1, "alice", 1), (2, "bob", 1), (3, "carol", 3), (4, "dana", 1)], Utc);

        Assert.Equal([(2UL, 1, 1, 100.0), (1UL, 1, 2, 40.0), (3UL, 3, 3, 15.0), (4UL, 1, 0, 0.0)], report.Members.Select(m => (m.MemberId, m.Jobs, m.Runs, m.GpuTime.TotalSeconds)));
        Assert.Equal([("gpu-1", 2, 130.0), ("gpu-2", 4, 25.0)], report.Backends.Select(b => (b.Backend, b.Runs, b.GpuTime.TotalSeconds)));
        Assert.Equal([21, 9, 3], report.BusiestHours.Select(h => h.Hour));
        Assert.Equal((6, TimeSpan.FromSeconds(155)), (report.TotalJobs, report.TotalGpu));
    }

    [Fact]
    public void Render_EmptyPeriod_SaysSoWithBothDirectionsDisabled()
    {
        var body = AdminUsagePage.Render(UsageReport.Build([], [], Utc), AdminUsagePage.Today, "UTC", 1);

        Assert.Equal("**Usage today** · 0 jobs · 0s of GPU time · 0 members · page 1/1\nBackends: no GPU time yet.\nNo member has used the GPU servers in this period.", body.Content);
        Assert.Equal(["admin-usage:today:0", "admin-usage:today:1", "admin-usage:today:2"], body.Components!.Single().Components.Select(c => ((ComfyBot.Discord.Messages.Button)c).CustomId));
    }

    [Theory]
    [InlineData(0, 1, "1. ")]
    [InlineData(3, 3, "21. ")]
    [InlineData(9, 3, "21. ")]
    public void Render_ClampsThePage_AndNumbersMembersAcrossPages(int asked, int shown, string firstRank)
    {
        var runs = Enumerable.Range(1, 25).Select(i => Run((ulong)i, "gpu-1", 100 - i, 10, job: i)).ToList();
        var report = UsageReport.Build(runs, [], Utc);

        var body = AdminUsagePage.Render(report, AdminUsagePage.Week, "UTC", asked);

        Assert.Contains($"page {shown}/3", body.Content, StringComparison.Ordinal);
        Assert.Contains("\n" + firstRank + "**member", body.Content, StringComparison.Ordinal);
        Assert.Contains("Busiest hours: 10:00–11:00 ", body.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongNamesAndManyBackends_StillFitOneMessage()
    {
        var name = new string('W', 200);
        var runs = Enumerable.Range(1, 40).Select(i => new GpuRun(i, 1, (ulong)i, name + i, $"{name}-backend-{i % 12}", Noon.AddHours(-(i % 9)), TimeSpan.FromHours(30), GpuMeasure.Reported)).ToList();
        var report = UsageReport.Build(runs, [.. Enumerable.Range(1, 40).Select(i => ((ulong)i, name, 100_000))], Utc);

        var body = AdminUsagePage.Render(report, AdminUsagePage.Week, "America/Argentina/ComodRivadavia", 2);

        Assert.True(body.Content!.Length <= 2000, $"{body.Content.Length} characters");
        Assert.Contains("4 more", body.Content, StringComparison.Ordinal);
    }
}

using ComfyBot.Core.Policies;
using ComfyBot.Core.Usage;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Policies;

/// <summary>Daily quotas per role: what a refusal says (used, limit, reset), who is exempt, and when a day ends.</summary>
public sealed class QuotaTests
{
    private const ulong Member = 7, Supporter = 200, AdminUser = 42, General = 1;

    // 21:30 UTC on a Monday: the UTC day resets in 2 h 30 m, at 2026-12-08 00:00 UTC (Unix 1796688000).
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 21, 30, 0, TimeSpan.Zero));

    private static JobPolicyOptions Options(string zone = "UTC") => new()
    {
        Everyone = new RoleRule { MaxSteps = 50, MaxJobsPerDay = 10, MaxGpuSecondsPerDay = 300 },
        Roles = [new RoleRule { RoleId = Supporter, Name = "Supporter", MaxJobsPerDay = 40, MaxGpuSecondsPerDay = 1800 }],
        AdminUserIds = [AdminUser],
        QuotaTimeZone = zone,
    };

    private JobPolicy Policy(string zone = "UTC") => new(Options(zone), _time);

    private static JobRequest Request(MemberUsage used, params ulong[] roles) => new(Member, roles, General) { Steps = 20, UsedToday = used };

    [Fact]
    public void JobsUsedUp_IsRefusedWithUsedLimitSourceAndReset()
    {
        var decision = Policy().Evaluate(Request(new MemberUsage(10, TimeSpan.FromSeconds(100))));

        Assert.Equal(RefusalReason.QuotaExceeded, decision.Refusal!.Reason);
        Assert.Equal(
            "you have used your 10 jobs for today (10 of 10, limit from the default limit); the quota resets <t:1796688000:R> (<t:1796688000:f>)",
            decision.Refusal.Message);
    }

    [Fact]
    public void GpuTimeUsedUp_IsRefusedWithTimesAndTheRoleItComesFrom()
    {
        var decision = Policy().Evaluate(Request(new MemberUsage(3, TimeSpan.FromSeconds(1805.7)), Supporter));

        Assert.Equal(
            "you have used your GPU time for today (30m 05s of 30m 00s, limit from role @Supporter); the quota resets <t:1796688000:R> (<t:1796688000:f>)",
            decision.Refusal!.Message);
    }

    [Fact]
    public void UnderBothLimits_IsAllowed_AndTheMostGenerousRoleWins()
    {
        var decision = Policy().Evaluate(Request(new MemberUsage(39, TimeSpan.FromSeconds(1799)), Supporter));

        Assert.True(decision.IsAllowed);
        Assert.Equal(new Limit(40, "role @Supporter"), decision.Limits.JobsPerDay);
        Assert.Equal(new Limit(1800, "role @Supporter"), decision.Limits.GpuSecondsPerDay);
    }

    [Fact]
    public void Admin_IsExempt()
    {
        var policy = Policy();
        var decision = policy.Evaluate(new JobRequest(AdminUser, [], General) { UsedToday = new MemberUsage(500, TimeSpan.FromHours(9)) });

        Assert.True(decision.IsAllowed);
        Assert.Null(decision.Limits.JobsPerDay);
        Assert.Null(decision.Limits.GpuSecondsPerDay);
    }

    [Fact]
    public void ResetTime_FollowsTheClockAcrossMidnight()
    {
        var policy = Policy();
        Assert.Contains("<t:1796688000:R>", policy.ResetText(), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromHours(3));

        // Past midnight: the next reset is a day later, and the day that counts has begun anew.
        Assert.Contains("<t:1796774400:R>", policy.ResetText(), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero), policy.Calendar.Day(_time.GetUtcNow()).Start);
    }

    [Fact]
    public void ConfiguredTimeZone_ResetsAtItsMidnight_AndTheWeekStartsOnItsMonday()
    {
        // 21:30 UTC is 22:30 in Berlin (winter, UTC+1): its midnight is 23:00 UTC.
        var policy = Policy("Europe/Berlin");
        var now = _time.GetUtcNow();

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero), policy.Calendar.Day(now).End);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 23, 0, 0, TimeSpan.Zero), policy.Calendar.Week(now).Start);
        Assert.Equal(22, policy.Calendar.HourOf(now));
    }

    [Fact]
    public void DaylightSavingChange_MakesThatDay23Hours()
    {
        var calendar = new QuotaCalendar(QuotaCalendar.FindZone("Europe/Berlin")!);
        var (start, end) = calendar.Day(new DateTimeOffset(2027, 3, 28, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(TimeSpan.FromHours(23), end - start);
    }

    [Fact]
    public void NoUsageGiven_SkipsTheQuotas()
    {
        Assert.True(Policy().Evaluate(new JobRequest(Member, [], General) { Steps = 20 }).IsAllowed);
    }

    [Fact]
    public void HasQuotas_OnlyWhenARuleSetsOne()
    {
        Assert.True(Policy().HasQuotas);
        Assert.False(new JobPolicy(new JobPolicyOptions(), _time).HasQuotas);
    }

    [Fact]
    public void Validate_ListsEveryBadQuotaAndTheZoneWithTheirKeys()
    {
        var options = Options("Mars/Olympus_Mons");
        options.Everyone.MaxJobsPerDay = 0;
        options.Roles[0].MaxGpuSecondsPerDay = -5;

        var errors = options.Validate();

        Assert.Contains("ComfyBot:Policy:Everyone:MaxJobsPerDay is 0; use 1 or more, or remove the key for no limit.", errors);
        Assert.Contains("ComfyBot:Policy:Roles:0:MaxGpuSecondsPerDay is -5; use 1 or more, or remove the key for no limit.", errors);
        Assert.Contains(errors, e => e.StartsWith("ComfyBot:Policy:QuotaTimeZone is 'Mars/Olympus_Mons', which is not a time zone", StringComparison.Ordinal));
        Assert.Equal(3, errors.Count);
    }
}

using ComfyBot.Core.Policies;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Policies;

public sealed class JobPolicyTests
{
    private const ulong Member = 7, Supporter = 200, Artist = 300, AdminRole = 900, AdminUser = 42, Art = 555, Renders = 556, General = 1;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    private static JobPolicyOptions Options() => new()
    {
        Roles =
        [
            new RoleRule { RoleId = Supporter, Name = "Supporter", MaxSteps = 80, MaxBatch = 8, Weight = 2 },
            new RoleRule { RoleId = Artist, MaxSteps = 60, MaxPixels = 2048 * 2048, MaxSide = 2048, Weight = 3 },
        ],
        AdminRoleIds = [AdminRole],
        AdminUserIds = [AdminUser],
    };

    private JobPolicy Policy(JobPolicyOptions? options = null, Func<ulong, bool>? isBanned = null) => new(options ?? Options(), _time, isBanned);

    private static JobRequest Request(params ulong[] roles) => new(Member, roles, General) { Steps = 20, Width = 1024, Height = 1024, Batch = 1 };

    [Fact]
    public void WithinLimits_IsAllowed_AtTheDefaultWeight()
    {
        var decision = Policy().Evaluate(Request());

        Assert.True(decision.IsAllowed);
        Assert.Equal(1, decision.Weight);
        Assert.Equal(new Limit(50, "the default limit"), decision.Limits.Steps);
    }

    [Fact]
    public void Steps_AboveTheLimit_NamesTheRoleAndTheRange()
    {
        var decision = Policy().Evaluate(Request(Supporter) with { Steps = 90 });

        Assert.Equal(RefusalReason.OutOfRange, decision.Refusal!.Reason);
        Assert.Equal("steps 90 is above your limit of 80 (role @Supporter); use 1-80", decision.Refusal.Message);
    }

    [Fact]
    public void Steps_AboveTheDefault_SaysItIsTheDefault()
    {
        var decision = Policy().Evaluate(Request() with { Steps = 51 });

        Assert.Equal("steps 51 is above your limit of 50 (the default limit); use 1-50", decision.Refusal!.Message);
    }

    [Fact]
    public void RoleWithoutName_IsMentionedById()
    {
        var decision = Policy().Evaluate(Request(Artist) with { Steps = 61 });

        Assert.Equal("steps 61 is above your limit of 60 (role <@&300>); use 1-60", decision.Refusal!.Message);
    }

    [Fact]
    public void SeveralRoles_MostGenerousWinsPerLimit()
    {
        var limits = Policy().Resolve(Member, [Supporter, Artist, 12345]);

        Assert.Equal(new MemberLimits(
            new Limit(80, "role @Supporter"),
            new Limit(2048 * 2048, "role <@&300>"),
            new Limit(2048, "role <@&300>"),
            new Limit(8, "role @Supporter"),
            Weight: 3,
            IsAdmin: false), limits);
    }

    [Fact]
    public void Batch_AboveTheLimit_IsRefused()
    {
        var decision = Policy().Evaluate(Request() with { Batch = 5 });

        Assert.Equal("batch 5 is above your limit of 4 (the default limit); use 1-4", decision.Refusal!.Message);
    }

    [Fact]
    public void Side_AboveTheLimit_IsRefused()
    {
        var decision = Policy().Evaluate(Request() with { Width = 1600, Height = 512 });

        Assert.Equal("width 1600 is above your limit of 1536 (the default limit); use 1-1536", decision.Refusal!.Message);
    }

    [Fact]
    public void Pixels_AboveTheLimit_SuggestsTheSameShapeThatFits()
    {
        var decision = Policy().Evaluate(Request() with { Width = 1536, Height = 1024 });

        Assert.Equal(
            "size 1536x1024 (1,572,864 pixels) is above your limit of 1,048,576 pixels (the default limit); try 1248x832 or smaller",
            decision.Refusal!.Message);
    }

    [Fact]
    public void SeveralProblems_AreAllReported()
    {
        var decision = Policy().Evaluate(Request() with { Steps = 0, Batch = 9 });

        Assert.Equal("steps 0 is below 1; use 1-50\nbatch 9 is above your limit of 4 (the default limit); use 1-4", decision.Refusal!.Message);
    }

    [Fact]
    public void Banned_ByTheStoreOrByConfiguration_IsRefused()
    {
        var options = Options();
        options.BannedMemberIds = [8];

        var byStore = Policy(options, id => id == Member).Evaluate(Request());
        var byConfig = Policy(options).Evaluate(Request() with { MemberId = 8 });

        Assert.Equal(RefusalReason.Banned, byStore.Refusal!.Reason);
        Assert.Equal("you are banned from using ComfyBot; ask a server admin if you think this is a mistake", byConfig.Refusal!.Message);
    }

    [Fact]
    public void Channel_NotAllowed_PointsToTheAllowedOnes()
    {
        var options = Options();
        options.AllowedChannelIds = [Art];
        var one = Policy(options).Evaluate(Request());
        options.AllowedChannelIds = [Art, Renders, 557];
        var three = Policy(options).Evaluate(Request());

        Assert.Equal(RefusalReason.ChannelNotAllowed, one.Refusal!.Reason);
        Assert.Equal("ComfyBot is not enabled in this channel; use <#555>", one.Refusal.Message);
        Assert.Equal("ComfyBot is not enabled in this channel; use <#555>, <#556> or <#557>", three.Refusal!.Message);
        Assert.True(Policy(options).Evaluate(Request() with { ChannelId = Renders }).IsAllowed);
    }

    [Theory]
    [InlineData(3, "you already have 3 jobs queued; wait for one to finish or /cancel one")]
    [InlineData(4, "you already have 4 jobs queued; wait for one to finish or /cancel one")]
    public void TooManyQueued_IsRefused(int queued, string expected)
    {
        var decision = Policy().Evaluate(Request() with { QueuedJobs = queued });

        Assert.Equal(RefusalReason.TooManyQueued, decision.Refusal!.Reason);
        Assert.Equal(expected, decision.Refusal.Message);
        Assert.True(Policy().Evaluate(Request() with { QueuedJobs = 2 }).IsAllowed);
    }

    [Fact]
    public void TooManyQueued_Singular_WhenTheCapIsOne()
    {
        var options = Options();
        options.MaxQueuedPerMember = 1;

        var decision = Policy(options).Evaluate(Request() with { QueuedJobs = 1 });

        Assert.Equal("you already have 1 job queued; wait for it to finish or /cancel it", decision.Refusal!.Message);
    }

    [Fact]
    public void Cooldown_RefusesUntilItHasPassed_AndSaysHowLong()
    {
        var options = Options();
        options.Cooldown = TimeSpan.FromSeconds(90);
        var policy = Policy(options);
        var request = Request() with { LastSubmittedAt = _time.GetUtcNow() };

        _time.Advance(TimeSpan.FromSeconds(29.5));
        var early = policy.Evaluate(request);
        _time.Advance(TimeSpan.FromSeconds(60.5));
        var onTime = policy.Evaluate(request);

        Assert.Equal(RefusalReason.Cooldown, early.Refusal!.Reason);
        Assert.Equal("you can submit again in 1m 01s (one job every 1m 30s)", early.Refusal.Message);
        Assert.True(onTime.IsAllowed);
    }

    [Fact]
    public void Admins_AreExemptFromBansCapsCooldownAndLimits_ButNotTheChannelRule()
    {
        var options = Options();
        options.Cooldown = TimeSpan.FromMinutes(5);
        options.AllowedChannelIds = [Art];
        var policy = Policy(options, _ => true);
        var huge = new JobRequest(AdminUser, [], Art) { Steps = 500, Width = 4096, Height = 4096, Batch = 16, QueuedJobs = 10, LastSubmittedAt = _time.GetUtcNow() };

        var decision = policy.Evaluate(huge);

        Assert.True(decision.IsAllowed);
        Assert.True(decision.Limits.IsAdmin);
        Assert.Null(decision.Limits.Steps);
        Assert.Equal(RefusalReason.ChannelNotAllowed, policy.Evaluate(huge with { ChannelId = General }).Refusal!.Reason);
        Assert.Equal("steps 0 is below 1; use 1 or more", policy.Evaluate(huge with { Steps = 0 }).Refusal!.Message);
    }

    [Fact]
    public void IsAdmin_ByUserIdOrRoleId_Only()
    {
        var policy = Policy();

        Assert.True(policy.IsAdmin(AdminUser, []));
        Assert.True(policy.IsAdmin(Member, [Supporter, AdminRole]));
        Assert.False(policy.IsAdmin(Member, [Supporter]));
        // A role id equal to an admin user id is not a way in, nor the reverse.
        Assert.False(policy.IsAdmin(Member, [AdminUser]));
        Assert.False(policy.IsAdmin(AdminRole, []));
    }

    [Fact]
    public void RoleWeight_GoesIntoTheDecision()
    {
        Assert.Equal(2, Policy().Evaluate(Request(Supporter)).Weight);
        Assert.Equal(3, Policy().Evaluate(Request(Supporter, Artist)).Weight);
    }

    [Fact]
    public void EveryoneWithoutALimit_MeansNoLimit()
    {
        var options = Options();
        options.Everyone = new RoleRule { MaxBatch = 2 };

        var decision = Policy(options).Evaluate(Request() with { Steps = 1000, Width = 8192, Height = 8192 });

        Assert.True(decision.IsAllowed);
        Assert.Equal(1, decision.Weight);
    }
}

using System.Globalization;
using ComfyBot.FakeDiscord;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Tests.EndToEnd;

namespace ComfyBot.Tests.Commands;

/// <summary>The /comfy-admin actions: what each does, what it answers, and the audit record naming the admin.</summary>
public sealed class AdminActionTests
{
    private static readonly ulong AliceId = CommandSteps.Alice.User!.Id;
    private static readonly ulong BobId = CommandSteps.Bob.User!.Id;

    [Fact]
    public async Task PauseAndResume_KeepWaitingJobsAndSayHowManyWait()
    {
        await using var bed = await CommandSteps.StartAsync();
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "running");
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "waiting");

        var paused = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "pause");
        Assert.True(paused.IsEphemeral);
        Assert.Equal("Paused: no new job starts. 1 waiting job is kept, new ones still queue, and jobs on a GPU finish. /comfy-admin resume starts them again.", paused.Content);
        Assert.True(bed.Runtime.Jobs.IsPaused);
        var again = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "pause");
        Assert.StartsWith("The queue was already paused. 1 waiting job is kept", again.Content, StringComparison.Ordinal);

        var resumed = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "resume");
        Assert.Equal("Resumed: 1 waiting job starts as GPUs free up.", resumed.Content);
        Assert.False(bed.Runtime.Jobs.IsPaused);
        Assert.Equal(2, bed.Runtime.Jobs.ListQueue().Count);

        var audit = (await bed.Runtime.Tables.Audit.ListAuditAsync()).OrderBy(a => a.Id).ToList();
        Assert.Equal(["pause", "pause", "resume"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(CommandSteps.AdminId, a.ActorId));
        Assert.Equal(["1 waiting", "already paused", "1 waiting"], audit.Select(a => a.Detail));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task BanAndUnban_StopAndAllowTheMembersJobs()
    {
        await using var bed = await CommandSteps.StartAsync();
        var bob = SlashCommandOption.Member("member", CommandSteps.Bob.User!);
        var banned = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "ban", bob, SlashCommandOption.Text("reason", "spam"));
        Assert.True(banned.IsEphemeral);
        Assert.Equal($"Banned <@{BobId}>: they can no longer queue jobs (reason: spam).", banned.Content);
        Assert.True(bed.Runtime.Bans.Contains(BobId));
        Assert.Contains(BobId, (await bed.Runtime.Tables.Bans.ListBansAsync()).Select(b => b.MemberId));

        var refusedJob = await bed.WaitForAnswerAsync(bed.Imagine("let me in", CommandSteps.Bob));
        Assert.Contains("banned", refusedJob.Content, StringComparison.Ordinal);
        Assert.Empty(bed.Runtime.Jobs.ListQueue());

        var twice = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "ban", bob);
        Assert.Matches($"^<@{BobId}> is already banned \\(since \\d{{4}}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC by <@{CommandSteps.AdminId}>: spam\\)\\. /comfy-admin unban lifts it\\.$", twice.Content);
        var self = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "ban", SlashCommandOption.Member("member", CommandSteps.Admin.User!));
        Assert.Equal("You cannot ban yourself.", self.Content);

        var unbanned = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "unban", bob);
        Assert.Equal($"Unbanned <@{BobId}>: they can queue jobs again.", unbanned.Content);
        Assert.False(bed.Runtime.Bans.Contains(BobId));
        var notBanned = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "unban", bob);
        Assert.Equal($"<@{BobId}> was not banned; nothing changed.", notBanned.Content);
        await CommandSteps.ImagineAsync(bed, CommandSteps.Bob, "back again");

        var audit = (await bed.Runtime.Tables.Audit.ListAuditAsync()).OrderBy(a => a.Id).ToList();
        Assert.Equal([("ban", "spam"), ("unban", "lifted"), ("unban", "was not banned")], audit.Select(a => (a.Action, a.Detail)));
        Assert.All(audit, a => Assert.Equal(BobId.ToString(CultureInfo.InvariantCulture), a.Target));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Ban_AMemberWithJobs_KeepsThemAndSaysHowToRemoveThem()
    {
        await using var bed = await CommandSteps.StartAsync();
        await CommandSteps.ImagineAsync(bed, CommandSteps.Bob, "one");
        await CommandSteps.ImagineAsync(bed, CommandSteps.Bob, "two");
        var banned = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "ban", SlashCommandOption.Member("member", CommandSteps.Bob.User!));
        Assert.Equal($"Banned <@{BobId}>: they can no longer queue jobs. Their 2 unfinished jobs are kept; /comfy-admin cancel-user removes them.", banned.Content);
        Assert.Equal(2, bed.Runtime.Jobs.ListQueue(BobId).Count);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Ban_AnAdmin_IsStoredButSaysItDoesNotApplyToAdmins()
    {
        await using var bed = await CommandSteps.StartAsync();
        var dana = BotBed.Member(1_300_000_000_000_000_104, "dana", CommandSteps.AdminRoleId);
        var banned = await CommandSteps.AdminAsync(bed, dana, "ban", SlashCommandOption.Member("member", CommandSteps.Admin.User!));
        Assert.Equal($"Banned <@{CommandSteps.AdminId}>: they can no longer queue jobs. They are a ComfyBot admin, and bans do not apply to admins: remove them from ComfyBot:Policy:AdminUserIds (or take the admin role) for it to take effect.", banned.Content);
        Assert.Equal(1_300_000_000_000_000_104UL, (await bed.Runtime.Tables.Audit.ListAuditAsync()).Single().ActorId);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Ban_AMemberWithTheAdminRole_SaysItDoesNotApplyToAdmins()
    {
        await using var bed = await CommandSteps.StartAsync();
        var erin = new FakeUser(1_300_000_000_000_000_105, "erin", "Erin");

        var banned = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "ban", SlashCommandOption.Member("member", erin, CommandSteps.AdminRoleId));

        Assert.Contains("They are a ComfyBot admin, and bans do not apply to admins", banned.Content, StringComparison.Ordinal);
        var plain = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "ban", SlashCommandOption.Member("member", CommandSteps.Bob.User!, 1_300_000_000_000_000_951));
        Assert.DoesNotContain("admin", plain.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Bump_MovesAWaitingJobFirst_AndExplainsWhatCannotBeBumped()
    {
        await using var bed = await CommandSteps.StartAsync();
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "running");
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "a2");
        await CommandSteps.ImagineAsync(bed, CommandSteps.Bob, "b1");
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "a3");
        var queue = bed.Runtime.Jobs.ListQueue();
        var running = queue[0].Job.Id;
        var last = queue[^1].Job.Id;

        var bumped = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "bump", SlashCommandOption.Text("job", $"#{last}"));
        Assert.Equal($"Job #{last} is now first in line; it starts on the next free GPU.", bumped.Content);
        Assert.Equal(1, bed.Runtime.Jobs.ListQueue().Single(e => e.Job.Id == last).Position);

        var onGpu = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "bump", SlashCommandOption.Text("job", running.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal($"Job #{running} is already on gpu-1; only waiting jobs can be bumped.", onGpu.Content);
        var unknown = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "bump", SlashCommandOption.Text("job", "#999"));
        Assert.Equal("There is no job #999. /comfy-admin queue lists every unfinished job.", unknown.Content);
        var malformed = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "bump", SlashCommandOption.Text("job", "next"));
        Assert.Equal("'next' is not a job number: give it as #123 or 123 (/comfy-admin queue lists every job).", malformed.Content);

        var audit = await bed.Runtime.Tables.Audit.ListAuditAsync();
        Assert.Equal(("bump", $"#{last}", CommandSteps.AdminId), audit.Select(a => (a.Action, a.Target, a.ActorId)).Single());
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Bump_WhilePaused_SaysTheQueueIsPaused()
    {
        await using var bed = await CommandSteps.StartAsync();
        await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "pause");
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "a1");
        await CommandSteps.ImagineAsync(bed, CommandSteps.Bob, "b1");
        var last = bed.Runtime.Jobs.ListQueue()[^1].Job.Id;

        var bumped = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "bump", SlashCommandOption.Text("job", $"#{last}"));

        Assert.Equal($"Job #{last} is now first in line, but the queue is paused: it starts once an admin resumes it (/comfy-admin resume).", bumped.Content);
        Assert.Equal(1, bed.Runtime.Jobs.ListQueue().Single(e => e.Job.Id == last).Position);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task CancelCancelUserAndClear_EndJobsNamingTheAdmin()
    {
        await using var bed = await CommandSteps.StartAsync();
        var a1 = await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "a1");
        var a2 = await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "a2");
        var b1 = await CommandSteps.ImagineAsync(bed, CommandSteps.Bob, "b1");
        var b2 = await CommandSteps.ImagineAsync(bed, CommandSteps.Bob, "b2");
        var c1 = await CommandSteps.ImagineAsync(bed, CommandSteps.Carol, "c1");
        var ids = bed.Runtime.Jobs.ListQueue().ToDictionary(e => e.Job.Parameters.Prompt!, e => e.Job.Id);

        var cancelled = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "cancel", SlashCommandOption.Text("job", $"#{ids["b1"]}"));
        Assert.Equal($"Cancelled job #{ids["b1"]}: it was still waiting, so it never reached a GPU.", cancelled.Content);
        Assert.Equal("🚫 Cancelled by ada.", (await bed.WaitForDoneAsync(b1)).Current.Content);

        var user = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "cancel-user", SlashCommandOption.Member("member", CommandSteps.Alice.User!));
        Assert.Equal($"Cancelled 2 jobs of <@{AliceId}>; each reply names you.", user.Content);
        Assert.StartsWith("🚫 Cancelled by ada", (await bed.WaitForDoneAsync(a1)).Current.Content, StringComparison.Ordinal);
        Assert.StartsWith("🚫 Cancelled by ada", (await bed.WaitForDoneAsync(a2)).Current.Content, StringComparison.Ordinal);
        var none = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "cancel-user", SlashCommandOption.Member("member", CommandSteps.Alice.User!));
        Assert.Equal($"<@{AliceId}> has no jobs waiting or running; nothing was cancelled.", none.Content);

        // With Alice's running job gone, one of the remaining two has started; clear drops the other.
        await bed.Fake.WaitForAsync(_ => bed.Runtime.Jobs.ListQueue().Count(e => e.Position is null) == 1).WaitAsync(BotBed.HangGuard);
        var cleared = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "clear");
        Assert.Equal("Cleared the queue: 1 waiting job was cancelled. 1 already on a GPU server continues; /comfy-admin interrupt stops those.", cleared.Content);
        Assert.Single(bed.Runtime.Jobs.ListQueue());
        // The cancelled job's reply is edited on its own pace, after the admin's answer.
        await bed.Fake.WaitForAsync(_ => new[] { b2, c1 }.Any(i => i.OriginalMessage?.Current.Content == "🚫 Cancelled by ada.")).WaitAsync(BotBed.HangGuard);
        Assert.Single(new[] { b2, c1 }, i => i.OriginalMessage!.Current.Content == "🚫 Cancelled by ada.");

        var audit = (await bed.Runtime.Tables.Audit.ListAuditAsync()).OrderBy(a => a.Id).ToList();
        Assert.Equal(
            [("cancel", $"#{ids["b1"]}", "Removed"), ("cancel-user", AliceId.ToString(CultureInfo.InvariantCulture), "2 jobs"), ("cancel-user", AliceId.ToString(CultureInfo.InvariantCulture), "0 jobs"), ("clear", null, "1 jobs")],
            audit.Select(a => (a.Action, a.Target, a.Detail)));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Interrupt_StopsTheRunningJobNamingTheAdmin_AndTheWaitingOneGoesOn()
    {
        await using var bed = await CommandSteps.StartAsync();
        var running = await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "running");
        var waiting = await CommandSteps.ImagineAsync(bed, CommandSteps.Bob, "waiting");

        var unknown = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "interrupt", SlashCommandOption.Text("backend", "gpu-9"));
        Assert.Equal("There is no backend named 'gpu-9'; pick one of: gpu-1, or leave backend out for all of them.", unknown.Content);

        var answer = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "interrupt", SlashCommandOption.Text("backend", "GPU-1"));
        Assert.Equal("Interrupted 1 running job on gpu-1; each reply names you. Waiting jobs go on.", answer.Content);
        var reply = await bed.WaitForDoneAsync(running);
        Assert.Contains("ada", reply.Current.Content, StringComparison.Ordinal);

        // The waiting job takes the slot and runs (held after its first step); interrupting everything stops it too.
        await bed.WaitForOriginalAsync(waiting, s => s.Content.StartsWith("🎨", StringComparison.Ordinal));
        var all = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "interrupt");
        Assert.Equal("Interrupted 1 running job on any GPU server; each reply names you. Waiting jobs go on.", all.Content);
        await bed.WaitForDoneAsync(waiting);
        await bed.Fake.WaitForAsync(_ => bed.Runtime.Jobs.ListQueue().Count == 0).WaitAsync(BotBed.HangGuard);
        var none = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "interrupt");
        Assert.Equal("Nothing of the bot's was running on any GPU server; nothing was interrupted.", none.Content);

        var audit = (await bed.Runtime.Tables.Audit.ListAuditAsync()).OrderBy(a => a.Id).ToList();
        Assert.Equal([("gpu-1", "1 jobs"), ("all", "1 jobs"), ("all", "0 jobs")], audit.Select(a => (a.Target, a.Detail)));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Backends_ShowsHealthQueueGpuAndThroughput()
    {
        await using var bed = await CommandSteps.StartAsync();
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "running");
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "waiting");
        await bed.Runtime.Monitor.PollOnceAsync();

        var answer = await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "backends");
        Assert.True(answer.IsEphemeral);
        var lines = answer.Content.Split('\n');
        Assert.Matches("^\\*\\*gpu-1\\*\\* 🟢 reachable \\(checked \\d+s ago\\)$", lines[0]);
        Assert.Equal("  queue: 1 running, 0 pending (0 not the bot's) · bot jobs on it: 1/1", lines[1]);
        Assert.Matches("^  GPU: cuda:0 NVIDIA Simulated GPU : cudaMallocAsync · VRAM \\d+\\.\\d GiB free of \\d+\\.\\d GiB$", lines[2]);
        Assert.Equal("  last hour: 0 done · 0 done since start", lines[3]);
        Assert.Equal("  templates: txt2img, img2img, fail", lines[4]);
        Assert.Equal("1 job waits in the bot's own queue.", lines[5]);
        Assert.Empty(await bed.Runtime.Tables.Audit.ListAuditAsync());
        bed.Fake.AssertNoContractViolations();
    }
}

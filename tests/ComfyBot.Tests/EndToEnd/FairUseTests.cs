using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Usage;
using ComfyBot.FakeDiscord;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Tests.Commands;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// Issue 13, fair use, end to end through FakeDiscord and the simulator: daily quotas refuse with what is used, the
/// limit and the reset, and reset at midnight; GPU time is ComfyUI's own execution time, counted once per run however
/// the run ends (done, cancelled, lost and re-queued, or followed again after a restart of the bot); /usage shows it.
/// </summary>
public sealed class FairUseTests
{
    private static readonly SlashCommandOption Steps = SlashCommandOption.WholeNumber("steps", 3);
    private static readonly SlashCommandOption Batch = SlashCommandOption.WholeNumber("batch", 1);

    [Fact]
    public async Task JobsPerDay_RefusesWithUsedLimitAndReset_AdminIsExempt_AndMidnightResetsIt()
    {
        var clock = new FakeDiscordClock();
        var options = Options(clock);
        options.Configuration["ComfyBot:Policy:Everyone:MaxJobsPerDay"] = "2";
        await using var bed = await BotBed.StartAsync(options);

        // Noon UTC, so that the test's minutes never cross a midnight of their own.
        var now = clock.GetUtcNow();
        clock.Advance(now.Date.AddDays(1).AddHours(12) - now.UtcDateTime);
        var reset = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero).ToUnixTimeSeconds();

        await bed.WaitForDoneAsync(bed.Imagine("first", CommandSteps.Alice, Steps, Batch));
        await bed.WaitForDoneAsync(bed.Imagine("second", CommandSteps.Alice, Steps, Batch));
        var refused = await RefusalAsync(bed, bed.Imagine("third", CommandSteps.Alice, Steps, Batch));

        Assert.Contains($"you have used your 2 jobs for today (2 of 2, limit from the default limit); the quota resets <t:{reset}:R> (<t:{reset}:f>)", refused, StringComparison.Ordinal);
        Assert.Equal(2, (await bed.Runtime.Store.ListByOwnerAsync(CommandSteps.Alice.User!.Id, includeFinished: true)).Count);

        var usage = await CommandSteps.RunAsync(bed, "usage", CommandSteps.Alice);
        Assert.True(usage.IsEphemeral);
        Assert.Contains("Today: 2 jobs · ", usage.Content, StringComparison.Ordinal);
        Assert.Contains($"Daily quota: 0 of 2 jobs left; resets <t:{reset}:R>", usage.Content, StringComparison.Ordinal);

        // An admin has no quota.
        await bed.WaitForDoneAsync(bed.Imagine("admin 1", CommandSteps.Admin, Steps, Batch));
        await bed.WaitForDoneAsync(bed.Imagine("admin 2", CommandSteps.Admin, Steps, Batch));
        await bed.WaitForDoneAsync(bed.Imagine("admin 3", CommandSteps.Admin, Steps, Batch));
        Assert.Contains("Daily quota: none (admins are exempt).", (await CommandSteps.RunAsync(bed, "usage", CommandSteps.Admin)).Content, StringComparison.Ordinal);

        // Past midnight UTC the member's day starts again.
        clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        var next = await bed.WaitForDoneAsync(bed.Imagine("a new day", CommandSteps.Alice, Steps, Batch));
        Assert.StartsWith("✅ Done: 1 image", next.Current.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task GpuTime_IsComfyUIsOwnExecutionTime_AndUsageShowsItWithThePlaceInLine()
    {
        var options = Options(new FakeDiscordClock());
        options.StepsPerSecond = 20;
        options.Configuration["ComfyBot:Policy:Everyone:MaxGpuSecondsPerDay"] = "3600";
        await using var bed = await BotBed.StartAsync(options);

        await bed.WaitForDoneAsync(bed.Imagine("timed", CommandSteps.Alice, Steps, Batch));
        var job = (await bed.Runtime.Store.ListByOwnerAsync(CommandSteps.Alice.User!.Id, includeFinished: true)).Single();
        var run = (await RunsAsync(bed)).Single();

        Assert.Equal(GpuMeasure.Reported, run.Measure);
        Assert.Equal((job.Id, 1, "gpu-1"), (run.JobId, run.Attempt, run.Backend));
        Assert.Equal(await ServerRunTimeAsync(bed, job.PromptId!), run.GpuTime);
        Assert.True(run.GpuTime > TimeSpan.Zero, $"3 steps at 20 a second ran in {run.GpuTime}");

        // One running (held at its first step), one waiting behind it.
        bed.Simulator.HoldSampling(afterSteps: 1);
        var running = await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "held");
        await bed.WaitForOriginalAsync(running, s => s.Content.Contains("step 1/", StringComparison.Ordinal));
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "behind");
        var queue = bed.Runtime.Jobs.ListQueue();

        var usage = (await CommandSteps.RunAsync(bed, "usage", CommandSteps.Alice)).Content;

        var seconds = JobPolicyText(run.GpuTime);
        Assert.Contains($"Today: 3 jobs · {seconds} of GPU time", usage, StringComparison.Ordinal);
        Assert.Contains($"This week (since Monday): 3 jobs · {seconds} of GPU time", usage, StringComparison.Ordinal);
        Assert.Contains($"In line now: `#{queue[0].Job.Id}` 🎨 running on gpu-1; `#{queue[1].Job.Id}` ⏳ #1 of 1 waiting", usage, StringComparison.Ordinal);
        Assert.Contains($"Daily quota: {JobPolicyText(TimeSpan.FromHours(1) - run.GpuTime)} of 1h 00m 00s GPU time left; resets <t:", usage, StringComparison.Ordinal);
        Assert.Contains("-# Days start at midnight UTC", usage, StringComparison.Ordinal);
        bed.Simulator.ReleaseSampling();
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Cancel_WhileRunning_CountsUpToTheServersInterrupt_AndAJobCancelledWhileWaitingIsGivenBack()
    {
        await using var bed = await BotBed.StartAsync(Options(new FakeDiscordClock()));
        bed.Simulator.HoldSampling(afterSteps: 1);
        var running = await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "cancelled mid-run");
        await bed.WaitForOriginalAsync(running, s => s.Content.Contains("step 1/", StringComparison.Ordinal));
        var waiting = await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "cancelled in line");
        var ids = bed.Runtime.Jobs.ListQueue().Select(e => e.Job.Id).ToList();

        await CommandSteps.RunAsync(bed, "cancel", CommandSteps.Alice, SlashCommandOption.Text("job", $"#{ids[1]}"));
        await bed.WaitForDoneAsync(waiting);
        await CommandSteps.RunAsync(bed, "cancel", CommandSteps.Alice, SlashCommandOption.Text("job", $"#{ids[0]}"));
        await bed.WaitForDoneAsync(running);

        // The cancel interrupts the run on the server, which reports its end: the time up to the interrupt counts.
        var run = (await RunsAsync(bed)).Single();
        var cancelled = (await bed.Runtime.Store.GetAsync(ids[0]))!;
        Assert.Equal((ids[0], GpuMeasure.Reported), (run.JobId, run.Measure));
        Assert.Equal(await ServerRunTimeAsync(bed, cancelled.PromptId!, "execution_interrupted"), run.GpuTime);
        Assert.Equal(JobState.Cancelled, cancelled.State);
        var usage = (await CommandSteps.RunAsync(bed, "usage", CommandSteps.Alice)).Content;
        Assert.Contains("Today: 1 job · ", usage, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task AdminInterrupt_CountsTheRunUpToTheInterrupt_Once()
    {
        await using var bed = await BotBed.StartAsync(Options(new FakeDiscordClock()));
        bed.Simulator.HoldSampling(afterSteps: 1);
        var interaction = bed.Imagine("interrupted", CommandSteps.Alice, Steps, Batch);
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("step 1/3", StringComparison.Ordinal));

        await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "interrupt");
        var reply = await bed.WaitForDoneAsync(interaction);

        Assert.StartsWith("⏹️", reply.Current.Content, StringComparison.Ordinal);
        var job = (await bed.Runtime.Store.ListByOwnerAsync(CommandSteps.Alice.User!.Id, includeFinished: true)).Single();
        var run = (await RunsAsync(bed)).Single();
        Assert.Equal((job.Id, 1, GpuMeasure.Reported), (run.JobId, run.Attempt, run.Measure));
        Assert.Equal(await ServerRunTimeAsync(bed, job.PromptId!, "execution_interrupted"), run.GpuTime);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task ServerRestartsMidRun_TheLostRunCountsWhatWasHeard_AndTheRerunIsCountedOnceFromItsTimestamps()
    {
        await using var bed = await BotBed.StartAsync(Options(new FakeDiscordClock()));
        bed.Simulator.HoldSampling(afterSteps: 1);
        var interaction = bed.Imagine("survives a restart", CommandSteps.Alice, Steps, Batch);
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("step 1/3", StringComparison.Ordinal));

        await bed.Simulator.RestartAsync();
        bed.Simulator.ReleaseSampling();
        await bed.WaitForDoneAsync(interaction);

        var job = (await bed.Runtime.Store.ListByOwnerAsync(CommandSteps.Alice.User!.Id, includeFinished: true)).Single();
        var runs = await RunsAsync(bed);
        Assert.Equal([(1, GpuMeasure.UntilLastHeard), (2, GpuMeasure.Reported)], runs.Select(r => (r.Attempt, r.Measure)));
        Assert.Equal(await ServerRunTimeAsync(bed, job.PromptId!), runs[1].GpuTime);
        Assert.Equal(new MemberUsage(1, runs[0].GpuTime + runs[1].GpuTime), await bed.Runtime.Tables.Usage.GetUsageAsync(job.Owner.MemberId, DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task BotRestartsMidRun_TheRunIsCountedOnce_FromTheServersTimestamps()
    {
        await using var bed = await BotBed.StartAsync(Options(new FakeDiscordClock()));
        bed.Simulator.HoldSampling(afterSteps: 1);
        var interaction = bed.Imagine("outlives the bot", CommandSteps.Alice, Steps, Batch);
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("step 1/3", StringComparison.Ordinal));

        await bed.StopHostAsync();
        bed.Simulator.ReleaseSampling();
        await bed.StartHostAsync();
        await bed.WaitForDoneAsync(interaction);

        // A third start sees the job's end again (its final reply may still be unmarked): still one run.
        await bed.StopHostAsync();
        await bed.StartHostAsync();

        var job = (await bed.Runtime.Store.ListByOwnerAsync(CommandSteps.Alice.User!.Id, includeFinished: true)).Single();
        var run = (await RunsAsync(bed)).Single();
        Assert.Equal((job.Id, 1, GpuMeasure.Reported), (run.JobId, run.Attempt, run.Measure));
        Assert.Equal(await ServerRunTimeAsync(bed, job.PromptId!), run.GpuTime);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task AdminUsage_ListsMembersOnPagesWithBackendsAndBusiestHours_AndRefusesNonAdmins()
    {
        var options = Options(new FakeDiscordClock());
        options.MaxInFlight = 2;
        await using var bed = await BotBed.StartAsync(options);
        var members = Enumerable.Range(0, 11).Select(i => BotBed.Member(1_300_000_000_000_000_200 + (ulong)i, $"member{i:00}")).ToList();
        var jobs = members.Select(m => bed.Imagine($"by {m.User!.Username}", m, Steps, Batch)).ToList();
        foreach (var job in jobs)
        {
            await bed.WaitForDoneAsync(job);
        }

        var runs = await RunsAsync(bed);
        Assert.Equal(11, runs.Count);
        var interaction = bed.Fake.CreateSlashCommand("comfy-admin", [SlashCommandOption.SubCommand("usage", SlashCommandOption.Text("period", "week"))], CommandSteps.Admin);
        var first = await bed.WaitForAnswerAsync(interaction);
        var listing = interaction.OriginalMessage!;

        Assert.True(first.IsEphemeral);
        Assert.StartsWith("**Usage this week (since Monday)** · 11 jobs · ", first.Content, StringComparison.Ordinal);
        Assert.Contains("· 11 members · page 1/2", first.Content, StringComparison.Ordinal);
        Assert.Contains("Backends: gpu-1 ", first.Content, StringComparison.Ordinal);
        Assert.Contains("(11 runs)", first.Content, StringComparison.Ordinal);
        // Every hour the runs ended in is among the three busiest (they take seconds, so at most two hours).
        var hours = first.Content.Split('\n').Single(l => l.StartsWith("Busiest hours: ", StringComparison.Ordinal));
        Assert.All(runs, r => Assert.Contains($"{r.EndedAt.UtcDateTime.Hour:00}:00–", hours, StringComparison.Ordinal));
        Assert.EndsWith("(UTC)", hours, StringComparison.Ordinal);
        Assert.Equal(10, MemberLines(first).Count);
        Assert.Equal(["admin-usage:week:0", "admin-usage:week:1", "admin-usage:week:2"], first.CustomIds);
        Assert.True(CommandSteps.IsDisabled(first, "admin-usage:week:0"));

        var next = bed.Click(listing, "admin-usage:week:2", CommandSteps.Admin);
        Assert.Equal(6, (await next.WaitForCallbackAsync().WaitAsync(BotBed.HangGuard)).Type);
        await bed.Fake.WaitForAsync(_ => listing.Current.Content.Contains("page 2/2", StringComparison.Ordinal)).WaitAsync(BotBed.HangGuard);
        var second = MemberLines(listing.Current);
        Assert.Single(second);
        Assert.StartsWith("11. **", second[0], StringComparison.Ordinal);

        // Every member once across the pages, each with their one job.
        var named = MemberLines(first).Concat(second).ToList();
        Assert.All(members, m => Assert.Single(named, l => l.Contains($"(<@{m.User!.Id}>) · 1 jobs · ", StringComparison.Ordinal)));

        var refused = await CommandSteps.AdminAsync(bed, CommandSteps.Bob, "usage");
        Assert.StartsWith("Only ComfyBot admins can use /comfy-admin usage:", refused.Content, StringComparison.Ordinal);
        var before = listing.Current.Version;
        var click = bed.Click(listing, "admin-usage:week:1", CommandSteps.Bob);
        Assert.StartsWith("Only ComfyBot admins can use the usage listing's buttons:", (await bed.WaitForAnswerAsync(click)).Content, StringComparison.Ordinal);
        Assert.Equal(before, listing.Current.Version);
        bed.Fake.AssertNoContractViolations();
    }

    private static BotBedOptions Options(FakeDiscordClock clock)
    {
        var options = new BotBedOptions { MaxInFlight = 1, DiscordTime = clock, Time = clock };
        options.Configuration["ComfyBot:Policy:AdminUserIds:0"] = CommandSteps.AdminId.ToString(CultureInfo.InvariantCulture);
        options.Configuration["ComfyBot:Policy:MaxQueuedPerMember"] = "5";
        return options;
    }

    private static async Task<IReadOnlyList<GpuRun>> RunsAsync(BotBed bed) =>
        await bed.Runtime.Tables.Usage.ListGpuRunsAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

    private static async Task<string> RefusalAsync(BotBed bed, FakeInteraction interaction)
    {
        await bed.Fake.WaitForAsync(_ => interaction.Followups.Count > 0).WaitAsync(BotBed.HangGuard);
        return interaction.Followups[^1].Current.Content;
    }

    /// <summary>What the simulator's /history says the run took: its end's timestamp (<paramref name="end"/>) minus its execution_start's.</summary>
    private static async Task<TimeSpan> ServerRunTimeAsync(BotBed bed, string promptId, string end = "execution_success")
    {
        using var http = new HttpClient { BaseAddress = bed.Simulator.BaseAddress };
        var history = await http.GetFromJsonAsync<JsonElement>($"history/{promptId}");
        var messages = history.GetProperty(promptId).GetProperty("status").GetProperty("messages").EnumerateArray()
            .ToDictionary(m => m[0].GetString()!, m => m[1].GetProperty("timestamp").GetInt64());
        return TimeSpan.FromMilliseconds(messages[end] - messages["execution_start"]);
    }

    private static string JobPolicyText(TimeSpan span) => ComfyBot.Core.Policies.JobPolicy.FormatGpu(span);

    private static List<string> MemberLines(ComfyBot.FakeDiscord.Messages.MessageState state) =>
        [.. state.Content.Split('\n').Where(l => l.Length > 0 && char.IsAsciiDigit(l[0]) && l.Contains(". **", StringComparison.Ordinal))];
}

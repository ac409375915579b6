using System.Globalization;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Testing;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// Issue 10, through FakeDiscord and the simulator: admission holds under a burst, a cancel of a job only queued on
/// ComfyUI never interrupts, nothing after ComfyUI's success leaves a reply stuck, a store that cannot write says so,
/// every waiting reply says why it waits, and a job sent back keeps its place.
/// </summary>
public sealed class JobEngineRulesTests
{
    private static readonly InteractionOrigin Dana = BotBed.Member(1_300_000_000_000_000_201, "dana");
    private static readonly InteractionOrigin Eli = BotBed.Member(1_300_000_000_000_000_202, "eli");

    [Fact]
    public async Task Imagine_BurstOfTwentyFromOneMember_ExactlyTheCapGetsIn()
    {
        var options = new BotBedOptions { MaxInFlight = 1 };
        options.Configuration["ComfyBot:Policy:MaxQueuedPerMember"] = "3";
        await using var bed = await BotBed.StartAsync(options);
        bed.Simulator.HoldSampling(afterSteps: 1);

        var burst = Enumerable.Range(0, 20).Select(i => bed.Imagine($"burst {i}", Dana, Steps, Batch)).ToList();
        var answers = new List<ComfyBot.FakeDiscord.Messages.MessageState>();
        foreach (var interaction in burst)
        {
            answers.Add(await bed.WaitForAnswerAsync(interaction));
        }

        Assert.Equal(3, (await bed.Runtime.Store.ListByOwnerAsync(Dana.User!.Id, includeFinished: true)).Count);
        Assert.Equal(17, burst.Count(i => i.Followups.Any(f => f.Current.Content.Contains("you already have 3 jobs", StringComparison.Ordinal))));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_WhileTheStoreCannotWrite_SaysTheBotCannotSaveJobsAndWhy()
    {
        await using var bed = await BotBed.StartAsync();
        await using (var connection = new SqliteConnection($"Data Source={bed.StorePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER full_disk BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;";
            await command.ExecuteNonQueryAsync();
        }

        var interaction = bed.Imagine("nowhere to go", Dana, Steps, Batch);
        var answer = await bed.WaitForAnswerAsync(interaction);

        Assert.Equal(ReplyTexts.StoreUnavailable("database or disk is full"), answer.Content);
        Assert.True(answer.IsEphemeral);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task CancelButton_OfAJobOnlyQueuedOnComfyUI_DeletesItThereAndNeverStopsAnotherMembersRun()
    {
        await using var bed = await BotBed.StartAsync(new BotBedOptions { MaxInFlight = 2 });
        bed.Simulator.InterruptIgnoresPromptId = true;
        bed.Simulator.HoldSampling(afterSteps: 1);
        var running = bed.Imagine("runs", Dana, Steps, Batch);
        await bed.WaitForOriginalAsync(running, s => s.Content.StartsWith("🎨", StringComparison.Ordinal));
        var queued = bed.Imagine("waits on ComfyUI", Eli, Steps, Batch);
        var queuedReply = await bed.WaitForOriginalAsync(queued, s => s.CustomIds.Count > 0);
        await Polling.UntilAsync(() => bed.Runtime.Jobs.ListQueue().Any(e => e.Job.Owner.MemberId == Eli.User!.Id && e.Job.State == JobState.Submitted));

        bed.Click(queuedReply, BotBed.Button(queuedReply, "cancel"), Eli);
        await bed.WaitForDoneAsync(queued);
        Assert.Equal("🚫 Cancelled by eli.", queuedReply.Current.Content);
        bed.Simulator.ReleaseSampling();

        var done = await bed.WaitForDoneAsync(running);
        Assert.StartsWith("✅ Done", done.Current.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_WhenViewAnswersWithAPage_EndsWithTheReasonAndFreesTheMembersPlace()
    {
        var options = new BotBedOptions();
        options.Configuration["ComfyBot:Policy:MaxQueuedPerMember"] = "1";
        await using var bed = await BotBed.StartAsync(options);
        bed.Simulator.ViewAnswersHtml = true;

        var first = bed.Imagine("behind a proxy", Dana, Steps, Batch);
        var reply = await bed.WaitForDoneAsync(first);

        Assert.StartsWith("❌ The GPU server finished, but none of its images could be read", reply.Current.Content, StringComparison.Ordinal);
        Assert.Contains("is not an image", reply.Current.Content, StringComparison.Ordinal);
        Assert.DoesNotContain(reply.Current.CustomIds, id => id.StartsWith("cancel:", StringComparison.Ordinal));
        Assert.Empty(bed.Runtime.Jobs.ListQueue());

        bed.Simulator.ViewAnswersHtml = false;
        var second = bed.Imagine("once more", Dana, Steps, Batch);
        Assert.StartsWith("✅ Done", (await bed.WaitForDoneAsync(second)).Current.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_WhenTheStoreRefusesTheOutcome_StillEndsTheReplyAndFreesTheMembersPlace()
    {
        var options = new BotBedOptions();
        options.Configuration["ComfyBot:Policy:MaxQueuedPerMember"] = "1";
        await using var bed = await BotBed.StartAsync(options);
        await using (var connection = new SqliteConnection($"Data Source={bed.StorePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER full_disk BEFORE UPDATE OF state ON jobs WHEN NEW.state >= 3 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;";
            await command.ExecuteNonQueryAsync();
        }

        var first = bed.Imagine("nowhere to write it down", Dana, Steps, Batch);
        var reply = await bed.WaitForDoneAsync(first);

        Assert.StartsWith("✅ Done: 1 image", reply.Current.Content, StringComparison.Ordinal);
        Assert.Contains(ReplyTexts.NotSaved("database or disk is full"), reply.Current.Content, StringComparison.Ordinal);
        Assert.Single(reply.Current.Attachments);
        Assert.DoesNotContain(reply.Current.CustomIds, id => id.StartsWith("cancel:", StringComparison.Ordinal));
        Assert.Empty(bed.Runtime.Jobs.ListQueue());

        // It no longer counts against the member's cap of one, though the store still lists it unfinished.
        var second = bed.Imagine("and again", Dana, Steps, Batch);
        Assert.StartsWith("✅ Done: 1 image", (await bed.WaitForDoneAsync(second)).Current.Content, StringComparison.Ordinal);
        Assert.Empty(second.Followups);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_WhileTheOnlyServerIsDown_SaysSoFromTheFirstReplyWithoutAnEstimate()
    {
        await using var bed = await BotBed.StartAsync();
        bed.Simulator.Disconnect();
        await bed.Runtime.Monitor.PollOnceAsync().WaitAsync(BotBed.HangGuard);

        var interaction = bed.Imagine("in the dark", Dana, Steps, Batch);
        var reply = await bed.WaitForOriginalAsync(interaction, s => s.Content.StartsWith('⏳'));

        Assert.Equal($"⏳ Queued: #1 in line\n{ReplyTexts.Offline}", reply.History.First(s => s.Content.StartsWith('⏳')).Content);
        Assert.DoesNotContain(reply.History, s => s.Content.Contains("starts in about", StringComparison.Ordinal));

        bed.Simulator.Reconnect();
        await bed.Runtime.Monitor.PollOnceAsync().WaitAsync(BotBed.HangGuard);
        Assert.StartsWith("✅ Done", (await bed.WaitForDoneAsync(interaction)).Current.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_WhilePaused_SaysAnAdminPausedTheQueue()
    {
        await using var bed = await BotBed.StartAsync();
        bed.Runtime.Jobs.Pause();

        var interaction = bed.Imagine("patience", Dana, Steps, Batch);
        var reply = await bed.WaitForOriginalAsync(interaction, s => s.Content.StartsWith('⏳'));

        Assert.Equal($"⏳ Queued: #1 in line\n{ReplyTexts.Paused}", reply.Current.Content);
        bed.Runtime.Jobs.Resume();
        Assert.StartsWith("✅ Done", (await bed.WaitForDoneAsync(interaction)).Current.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task AJobSentBackByADeadServer_RunsBeforeAJobSubmittedDuringTheOutage()
    {
        await using var bed = await BotBed.StartAsync(new BotBedOptions { MaxInFlight = 1 });
        bed.Simulator.HoldSampling(afterSteps: 1);
        var early = bed.Imagine("early", Dana, Steps, Batch);
        await bed.WaitForOriginalAsync(early, s => s.Content.StartsWith("🎨", StringComparison.Ordinal));

        bed.Simulator.Disconnect();
        await bed.Runtime.Monitor.PollOnceAsync().WaitAsync(BotBed.HangGuard);
        var moved = await bed.WaitForOriginalAsync(early, s => s.Content.Contains("went offline", StringComparison.Ordinal));
        Assert.DoesNotContain("another server", moved.Current.Content, StringComparison.Ordinal);
        var late = bed.Imagine("late", Eli, Steps, Batch);
        await bed.WaitForOriginalAsync(late, s => s.Content.Contains(ReplyTexts.Offline, StringComparison.Ordinal));
        Assert.StartsWith("⏳ Queued: #2 in line", late.OriginalMessage!.Current.Content, StringComparison.Ordinal);

        bed.Simulator.ReleaseSampling();
        bed.Simulator.Reconnect();
        await bed.Runtime.Monitor.PollOnceAsync().WaitAsync(BotBed.HangGuard);
        await bed.WaitForDoneAsync(early);
        await bed.WaitForDoneAsync(late);

        var jobs = await bed.Runtime.Store.ListByOwnerAsync(Dana.User!.Id, includeFinished: true);
        var lateJob = Assert.Single(await bed.Runtime.Store.ListByOwnerAsync(Eli.User!.Id, includeFinished: true));
        // One GPU slot: the job sent to ComfyUI first is the one that kept its place.
        Assert.True(Assert.Single(jobs).SubmittedAt < lateJob.SubmittedAt, string.Create(CultureInfo.InvariantCulture, $"early submitted {jobs[0].SubmittedAt:O}, late submitted {lateJob.SubmittedAt:O}"));
        bed.Fake.AssertNoContractViolations();
    }

    private static SlashCommandOption Steps => SlashCommandOption.WholeNumber("steps", 4);

    private static SlashCommandOption Batch => SlashCommandOption.WholeNumber("batch", 1);
}

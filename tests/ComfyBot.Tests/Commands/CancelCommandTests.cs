using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Tests.EndToEnd;

namespace ComfyBot.Tests.Commands;

/// <summary>/cancel [job]: the member's own jobs only; each way it can go wrong says so.</summary>
public sealed class CancelCommandTests
{
    [Fact]
    public async Task Cancel_WithoutJob_CancelsTheNewestAndItsReplyNamesTheMember()
    {
        await using var bed = await CommandSteps.StartAsync();
        var nothing = await CommandSteps.RunAsync(bed, "cancel", CommandSteps.Alice);
        Assert.True(nothing.IsEphemeral);
        Assert.Equal("You have no jobs waiting or running, so there is nothing to cancel.", nothing.Content);

        var older = await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "older");
        var newer = await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "newer");
        var newest = bed.Runtime.Jobs.ListQueue(CommandSteps.Alice.User!.Id).Max(e => e.Job.Id);

        var answer = await CommandSteps.RunAsync(bed, "cancel", CommandSteps.Alice);
        Assert.True(answer.IsEphemeral);
        Assert.Equal($"Cancelled job #{newest}: it was still waiting, so it never reached a GPU.", answer.Content);
        var reply = await bed.WaitForDoneAsync(newer);
        Assert.Equal("🚫 Cancelled by alice.", reply.Current.Content);
        Assert.StartsWith("🎨", older.OriginalMessage!.Current.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Cancel_RunningJobById_StopsIt_AndAFinishedOneSaysSo()
    {
        await using var bed = await CommandSteps.StartAsync();
        var running = await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "running");
        var id = bed.Runtime.Jobs.ListQueue().Single().Job.Id;

        var answer = await CommandSteps.RunAsync(bed, "cancel", CommandSteps.Alice, SlashCommandOption.Text("job", $"#{id}"));
        Assert.Equal($"Stopping job #{id} on its GPU server; its reply says when it has stopped.", answer.Content);
        var reply = await bed.WaitForDoneAsync(running);
        Assert.StartsWith("🚫 Cancelled by alice", reply.Current.Content, StringComparison.Ordinal);

        await bed.Fake.WaitForAsync(_ => bed.Runtime.Jobs.ListQueue().Count == 0).WaitAsync(BotBed.HangGuard);
        var again = await CommandSteps.RunAsync(bed, "cancel", CommandSteps.Alice, SlashCommandOption.Text("job", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal($"Job #{id} has already finished (Cancelled); there is nothing to cancel.", again.Content);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Cancel_SomeoneElsesUnknownOrMalformedJob_IsRefusedAndNothingChanges()
    {
        await using var bed = await CommandSteps.StartAsync();
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "alice's");
        var id = bed.Runtime.Jobs.ListQueue().Single().Job.Id;

        var notYours = await CommandSteps.RunAsync(bed, "cancel", CommandSteps.Bob, SlashCommandOption.Text("job", $"#{id}"));
        Assert.Equal($"Not yours: job #{id} belongs to alice. You can only cancel your own jobs (/queue lists them).", notYours.Content);

        // An admin using the member command is pointed at the admin one, which leaves an audit record.
        var admin = await CommandSteps.RunAsync(bed, "cancel", CommandSteps.Admin, SlashCommandOption.Text("job", $"#{id}"));
        Assert.EndsWith($"As an admin, use /comfy-admin cancel job:#{id}.", admin.Content, StringComparison.Ordinal);

        var unknown = await CommandSteps.RunAsync(bed, "cancel", CommandSteps.Bob, SlashCommandOption.Text("job", "#999"));
        Assert.Equal("There is no job #999. /queue lists your jobs with their numbers.", unknown.Content);

        var malformed = await CommandSteps.RunAsync(bed, "cancel", CommandSteps.Bob, SlashCommandOption.Text("job", "the red one"));
        Assert.Equal("'the red one' is not a job number: give it as #123 or 123 (/queue lists yours), or leave job out to cancel your newest.", malformed.Content);

        Assert.Single(bed.Runtime.Jobs.ListQueue());
        Assert.All(new[] { notYours, admin, unknown, malformed }, a => Assert.True(a.IsEphemeral));
        bed.Fake.AssertNoContractViolations();
    }
}

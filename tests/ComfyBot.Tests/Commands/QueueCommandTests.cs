using ComfyBot.Tests.EndToEnd;

namespace ComfyBot.Tests.Commands;

/// <summary>/queue: the member's own jobs with where each is, ephemerally.</summary>
public sealed class QueueCommandTests
{
    [Fact]
    public async Task Queue_ShowsOnlyTheMembersOwnJobsWithTheirPlaces()
    {
        await using var bed = await CommandSteps.StartAsync();
        var empty = await CommandSteps.RunAsync(bed, "queue", CommandSteps.Alice);
        Assert.True(empty.IsEphemeral);
        Assert.Equal("You have no jobs waiting or running. Start one with /imagine.", empty.Content);

        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "first");
        await CommandSteps.ImagineAsync(bed, CommandSteps.Bob, "bob's");
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "second");
        var ids = bed.Runtime.Jobs.ListQueue(CommandSteps.Alice.User!.Id).Select(e => e.Job.Id).ToList();

        var mine = await CommandSteps.RunAsync(bed, "queue", CommandSteps.Alice);
        Assert.True(mine.IsEphemeral);
        var lines = mine.Content.Split('\n');
        Assert.Equal("**Your jobs** (2)", lines[0]);
        Assert.Matches($"^`#{ids[0]}` 🎨 running on gpu-1 · txt2img · \\d+s · “first”$", lines[1]);
        Assert.Matches($"^`#{ids[1]}` ⏳ #2 of 2 waiting · txt2img · \\d+s · “second”$", lines[2]);
        Assert.Equal("Cancel one with /cancel job:#id.", lines[3]);
        Assert.DoesNotContain("bob", mine.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Queue_WhilePaused_SaysTheJobsAreKept()
    {
        await using var bed = await CommandSteps.StartAsync();
        bed.Runtime.Jobs.Pause();
        await bed.WaitForOriginalAsync(bed.Imagine("later", CommandSteps.Alice), s => s.Content.StartsWith('⏳'));

        var answer = await CommandSteps.RunAsync(bed, "queue", CommandSteps.Alice);
        Assert.Contains("⏳ #1 of 1 waiting", answer.Content, StringComparison.Ordinal);
        Assert.EndsWith("⏸️ An admin has paused the queue: waiting jobs are kept and start when it resumes.", answer.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }
}

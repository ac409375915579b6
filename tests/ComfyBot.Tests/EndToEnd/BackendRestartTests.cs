using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue test 8: the GPU server restarts while a job runs; the job is queued again, says so, and finishes.</summary>
public sealed class BackendRestartTests
{
    [Fact]
    public async Task Job_WhenBackendRestartsMidRun_IsResubmittedSaysSoAndFinishes()
    {
        await using var bed = await BotBed.StartAsync();
        bed.Simulator.HoldSampling(afterSteps: 1);
        var interaction = bed.Imagine("survives a restart", null, SlashCommandOption.WholeNumber("steps", 3), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("step 1/3", StringComparison.Ordinal));

        await bed.Simulator.RestartAsync();
        bed.Simulator.ReleaseSampling();
        var reply = await bed.WaitForDoneAsync(interaction);

        Assert.StartsWith("✅ Done: 1 image", reply.Current.Content, StringComparison.Ordinal);
        Assert.Contains(reply.History, s => s.Content.Contains("lost this job", StringComparison.Ordinal) && s.Content.Contains("queued again", StringComparison.Ordinal));
        Assert.Single(reply.History, s => BotBed.IsFinal(s.Content));
        bed.Fake.AssertNoContractViolations();
    }
}
